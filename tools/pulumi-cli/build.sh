#!/usr/bin/env bash
# Builds the Pulumi CLI (and, best effort, the Node.js language host) from Go modules
# into a cache folder outside the repository. Prints the bin folder on success.
#
#   PULUMI_VERSION      tag to build (default: the @pulumi/pulumi version this repo pins)
#   PULUMI_UNATTEND_CACHE  cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-unattend)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version="${PULUMI_VERSION:-$(cat "$here/VERSION")}"
cache="${PULUMI_UNATTEND_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-unattend}"
out="$cache/pulumi-$version"
bin="$out/bin"

# The dynamic-provider plugin that Pulumi ships beside its CLI: it runs the
# provider host of the program's own @pulumi/pulumi.
write_dynamic_provider_shim() {
  mkdir -p "$bin"
  cat >"$bin/pulumi-resource-pulumi-nodejs" <<'SH'
#!/bin/sh
script=$(node -e "console.log(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))") || exit 1
exec node "$script" "$@"
SH
  chmod +x "$bin/pulumi-resource-pulumi-nodejs"
}

if [ -x "$bin/pulumi" ] && [ -x "$bin/pulumi-language-nodejs" ]; then
  [ -x "$bin/pulumi-resource-pulumi-nodejs" ] || write_dynamic_provider_shim
  echo "$bin"
  exit 0
fi

command -v go >/dev/null 2>&1 || {
  echo "build.sh: Go is not installed; install Go >= 1.25 or the Pulumi CLI (https://www.pulumi.com/docs/install/)" >&2
  exit 1
}

mkdir -p "$bin"
work="$out/src"
rm -rf "$work"
mkdir -p "$work/cli" "$work/langhost"
log="$out/build.log"
: >"$log"
start=$(date +%s)

# --- the CLI: a wrapper module that requires pkg/v3 and sdk/v3 at one tag ---------------
(
  cd "$work/cli"
  go mod download -json "github.com/pulumi/pulumi/pkg/v3@$version" >"$work/pkg.json"
  pkgmod="$(sed -n 's/.*"GoMod": "\(.*\)".*/\1/p' "$work/pkg.json")"
  {
    echo "module pulumi-unattend/pulumi-cli"
    echo
    echo "go $(sed -n 's/^go \([0-9.]*\).*/\1/p' "$pkgmod")"
    echo
    echo "require ("
    echo "	github.com/pulumi/pulumi/pkg/v3 $version"
    echo "	github.com/pulumi/pulumi/sdk/v3 $version"
    echo ")"
    echo
    # copy pkg/v3's replace directives, except those pointing at local folders
    grep -E '^replace ' "$pkgmod" | grep -vE '=> *\.' || true
    awk '/^replace \($/{f=1;next} f&&/^\)/{f=0} f' "$pkgmod" | grep -vE '=> *\.' | sed 's/^\s*/replace /' || true
  } >go.mod
  cat >tools.go <<'GO'
//go:build tools

package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
GO
  # our minimal Node.js language host (see langhost/main.go for why)
  mkdir -p langhost
  cp "$here/langhost/main.go" langhost/main.go
  go mod tidy
  go build -trimpath -o "$bin/pulumi" \
    -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version" \
    github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
  go build -trimpath -o "$bin/pulumi-language-nodejs" \
    -ldflags "-X main.version=${version#v}" ./langhost
) >>"$log" 2>&1 || { echo "build.sh: building the Pulumi CLI $version failed; see $log" >&2; tail -20 "$log" >&2; exit 1; }

write_dynamic_provider_shim
echo "pulumi CLI $version and language host built in $(( $(date +%s) - start ))s" >>"$log"
echo "$bin"
