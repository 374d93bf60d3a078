#!/usr/bin/env bash
# Builds the Pulumi CLI and its language hosts from Go modules into a cache folder
# outside the repository, and prints the folder to put first on PATH.
#
#   build.sh          the CLI, and the official Node.js language host when ../shared has its source
#   build.sh go       ... and the official Go language host (source in ../shared/pulumi-language-go)
#   build.sh yaml     ... and the YAML language host (github.com/pulumi/pulumi-yaml, Go modules)
#   build.sh python   ... and the official Python language host (source in ../shared/pulumi-language-python),
#                     with the two scripts it starts (pulumi-language-python-exec, pulumi-resource-pulumi-python)
#
# Layout (nothing in an existing folder is replaced):
#   $cache/pulumi-$version/bin   the CLI, with our minimal Node.js host (langhost/) for machines
#                                without ../shared; printed when the official host cannot be built
#   $cache/hosts-$version/bin    the official hosts, each built once when first asked for, beside a
#                                hard link to the same `pulumi` (the CLI looks for language hosts
#                                next to itself first); printed when the official Node.js host is there
#
#   PULUMI_VERSION          tag to build (default: tools/pulumi-cli/VERSION, the @pulumi/pulumi version this repo pins)
#   PULUMI_UNATTEND_CACHE   cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-unattend)
#   PULUMI_UNATTEND_SHARED  the shared folder with the hosts' source (default: ../shared beside the repo)
#   PULUMI_YAML_VERSION     pulumi-yaml tag (default v1.25.0)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version="${PULUMI_VERSION:-$(cat "$here/VERSION")}"
cache="${PULUMI_UNATTEND_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-unattend}"
shared="${PULUMI_UNATTEND_SHARED:-$here/../../../shared}"
shared="$(cd "$shared" 2>/dev/null && pwd || echo "$shared")"
yaml_version="${PULUMI_YAML_VERSION:-v1.25.0}"
out="$cache/pulumi-$version"
bin="$out/bin"
hosts="$cache/hosts-$version/bin"
want="${1:-}"
case "$want" in "" | go | yaml | python) ;; *) echo "usage: build.sh [go|yaml|python]" >&2; exit 2 ;; esac

# The dynamic-provider plugin that Pulumi ships beside its CLI: it runs the
# provider host of the program's own @pulumi/pulumi.
write_dynamic_provider_shim() {
  local dir="$1"
  mkdir -p "$dir"
  cat >"$dir/pulumi-resource-pulumi-nodejs.tmp" <<'SH'
#!/bin/sh
script=$(node -e "console.log(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))") || exit 1
exec node "$script" "$@"
SH
  chmod +x "$dir/pulumi-resource-pulumi-nodejs.tmp"
  mv -f "$dir/pulumi-resource-pulumi-nodejs.tmp" "$dir/pulumi-resource-pulumi-nodejs"
}

need_go() {
  command -v go >/dev/null 2>&1 || {
    echo "build.sh: Go is not installed; install Go >= 1.25 or the Pulumi CLI (https://www.pulumi.com/docs/install/)" >&2
    exit 1
  }
}

ldflags="-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version"

# A go.mod in $1 that requires pkg/v3 and sdk/v3 at $version with pkg/v3's replace directives.
write_wrapper_module() {
  local dir="$1" pkgmod
  mkdir -p "$dir"
  pkgmod="$(go mod download -json "github.com/pulumi/pulumi/pkg/v3@$version" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')"
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
  } >"$dir/go.mod"
}

# --- the CLI: a wrapper module that requires pkg/v3 and sdk/v3 at one tag ---------------
# The minimal host is rebuilt when langhost/main.go changes (its hash is kept beside it).
langhost_sum="$( (sha256sum "$here/langhost/main.go" 2>/dev/null || shasum -a 256 "$here/langhost/main.go") | cut -d' ' -f1)"
need_cli=0 need_langhost=0
[ -x "$bin/pulumi" ] || need_cli=1
{ [ -x "$bin/pulumi-language-nodejs" ] && [ "$(cat "$bin/.langhost.sha256" 2>/dev/null)" = "$langhost_sum" ]; } || need_langhost=1
if [ "$need_cli" = 1 ] || [ "$need_langhost" = 1 ]; then
  need_go
  mkdir -p "$bin"
  work="$out/src"
  log="$out/build.log"
  start=$(date +%s)
  [ "$need_cli" = 1 ] && { rm -rf "$work"; : >"$log"; }
  (
    if [ ! -f "$work/cli/go.sum" ]; then
      rm -rf "$work" && mkdir -p "$work/cli/langhost"
      write_wrapper_module "$work/cli"
      cd "$work/cli"
      cat >tools.go <<'GO'
//go:build tools

package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
GO
      # our minimal Node.js language host (see langhost/main.go for why)
      cp "$here/langhost/main.go" langhost/main.go
      go mod tidy
    fi
    cd "$work/cli"
    if [ "$need_cli" = 1 ]; then
      go build -trimpath -o "$bin/pulumi.tmp" -ldflags "$ldflags" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
      mv -f "$bin/pulumi.tmp" "$bin/pulumi"
    fi
    mkdir -p langhost && cp "$here/langhost/main.go" langhost/main.go
    go build -trimpath -o "$bin/pulumi-language-nodejs.tmp" -ldflags "-X main.version=${version#v}" ./langhost
    mv -f "$bin/pulumi-language-nodejs.tmp" "$bin/pulumi-language-nodejs"
    echo "$langhost_sum" >"$bin/.langhost.sha256"
  ) >>"$log" 2>&1 &
  # (run in the background and waited for, so that `set -e` stops the subshell at the first failure)
  wait $! || { echo "build.sh: building the Pulumi CLI $version failed; see $log" >&2; tail -20 "$log" >&2; exit 1; }
  echo "$([ "$need_cli" = 1 ] && echo "pulumi CLI $version and ")minimal language host built in $(( $(date +%s) - start ))s" >>"$log"
fi
[ -x "$bin/pulumi-resource-pulumi-nodejs" ] || write_dynamic_provider_shim "$bin"

# --- the official hosts ---------------------------------------------------------------------
# Builds one official host from its source folder in ../shared into $hosts (once).
build_shared_host() {
  local name="$1" src="$shared/$1"
  [ -x "$hosts/$name" ] && return 0
  [ -f "$src/go.mod" ] || return 1
  need_go
  mkdir -p "$hosts"
  local start log
  start=$(date +%s)
  log="$cache/hosts-$version/build.log"
  # the source folder is read-only: build from it, write only the binary (and Go's caches)
  (cd "$src" && go build -trimpath -ldflags "$ldflags" -o "$hosts/$name.tmp" .) >>"$log" 2>&1 &
  wait $! ||
    { echo "build.sh: building $name from $src failed; see $log" >&2; tail -20 "$log" >&2; exit 1; }
  mv -f "$hosts/$name.tmp" "$hosts/$name"
  echo "$name $version built from $src in $(( $(date +%s) - start ))s" >>"$log"
}

if build_shared_host pulumi-language-nodejs; then
  # the CLI looks for its language hosts beside itself: give it a `pulumi` here too (the same file)
  if [ ! -x "$hosts/pulumi" ]; then
    ln -f "$bin/pulumi" "$hosts/pulumi" 2>/dev/null || cp -f "$bin/pulumi" "$hosts/pulumi"
  fi
  [ -x "$hosts/pulumi-resource-pulumi-nodejs" ] || write_dynamic_provider_shim "$hosts"
  case "$want" in
    go)
      build_shared_host pulumi-language-go || { echo "build.sh: no Go host source at $shared/pulumi-language-go" >&2; exit 1; }
      ;;
    yaml)
      if [ ! -x "$hosts/pulumi-language-yaml" ]; then
        need_go
        start=$(date +%s)
        log="$cache/hosts-$version/build.log"
        tmp="$cache/hosts-$version/gobin.tmp"
        rm -rf "$tmp" && mkdir -p "$tmp"
        GOBIN="$tmp" go install "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@$yaml_version" >>"$log" 2>&1 ||
          { echo "build.sh: building pulumi-language-yaml $yaml_version failed; see $log" >&2; tail -20 "$log" >&2; exit 1; }
        mv -f "$tmp/pulumi-language-yaml" "$hosts/pulumi-language-yaml"
        rm -rf "$tmp"
        echo "pulumi-language-yaml $yaml_version built in $(( $(date +%s) - start ))s" >>"$log"
      fi
      ;;
    python)
      build_shared_host pulumi-language-python ||
        { echo "build.sh: no Python host source at $shared/pulumi-language-python" >&2; exit 1; }
      # the host starts these two scripts, and finds them beside itself
      for f in pulumi-language-python-exec pulumi-resource-pulumi-python; do
        cmp -s "$shared/pulumi-language-python/$f" "$hosts/$f" || {
          cp -f "$shared/pulumi-language-python/$f" "$hosts/$f.tmp" && chmod 755 "$hosts/$f.tmp" && mv -f "$hosts/$f.tmp" "$hosts/$f"
        }
      done
      ;;
  esac
  echo "$hosts"
else
  if [ -n "$want" ]; then
    echo "build.sh: the $want language host needs the official Node.js host, whose source is not at $shared/pulumi-language-nodejs" >&2
    exit 1
  fi
  echo "$bin"
fi
