// Command pulumi-language-nodejs is a minimal Node.js language host for the
// Pulumi engine, built by tools/pulumi-cli/build.sh when the official
// pulumi-language-nodejs is not installed and cannot be fetched as a Go
// module (its module has no tags, and the module proxy reachable from our
// build machines serves no pseudo-version of it).
//
// build.sh builds the official host instead whenever ../shared has its source
// (../shared/pulumi-language-nodejs); this one is the fallback for machines
// without it and without an installed Pulumi.
//
// It implements what `pulumi up/preview/destroy/refresh` of a program needs,
// the way the official host runs it: Run starts `node <nodeargs>
// @pulumi/pulumi/cmd/run` from the program's own node_modules with the
// engine's monitor address, config and flags; TypeScript programs run through
// ts-node (PULUMI_NODEJS_TYPESCRIPT=true, the default; `typescript: false`
// runs JavaScript as it is), with the `tsconfig` and `nodeargs` runtime
// options honoured. What it does not do (see the README, "The Pulumi CLI"):
// run plugins (RunPlugin: source-based component packages, policy packs),
// report required plugins and packages (a program that needs a provider plugin
// must have it installed), list program dependencies, the project and SDK
// generation calls (`pulumi new`, `convert`, `package gen-sdk/add`), the
// synchronous-invoke pipes, debugger attachment, and the bun runtime.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"google.golang.org/grpc"
	pbempty "google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// version is stamped by build.sh with the Pulumi version it was built against.
var version = "3.0.0"

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engineAddress string
}

func main() {
	args := os.Args[1:]
	engine := ""
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			engine = a
		}
	}
	h := &host{engineAddress: engine}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, h)
			return nil
		},
		Options: rpcutil.OpenTracingServerInterceptorOptions(nil),
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
		os.Exit(1)
	}
	// The engine reads the port from the first line of stdout.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
		os.Exit(1)
	}
}

func (h *host) Handshake(_ context.Context, req *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.engineAddress = req.GetEngineAddress()
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *host) GetPluginInfo(context.Context, *pbempty.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

func (h *host) GetRequiredPlugins(context.Context, *pulumirpc.GetRequiredPluginsRequest) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *host) GetRequiredPackages(context.Context, *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (h *host) GetProgramDependencies(context.Context, *pulumirpc.GetProgramDependenciesRequest) (*pulumirpc.GetProgramDependenciesResponse, error) {
	return &pulumirpc.GetProgramDependenciesResponse{}, nil
}

func (h *host) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	out, err := exec.Command("node", "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("node --version: %w", err)
	}
	return &pulumirpc.AboutResponse{Executable: "node", Version: strings.TrimSpace(string(out))}, nil
}

func (h *host) InstallDependencies(req *pulumirpc.InstallDependenciesRequest, stream grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse]) error {
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetDirectory()
	}
	cmd := exec.Command("npm", "install")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if sendErr := stream.Send(&pulumirpc.InstallDependenciesResponse{Stdout: out}); sendErr != nil {
		return sendErr
	}
	return err
}

// exitCodeReported is the exit code @pulumi/pulumi's runner uses after it has
// already reported the error to the engine.
const exitCodeReported = 32

// options are the runtime options of Pulumi.yaml that the official host reads for `run`.
type options struct {
	typescript bool
	tsconfig   string
	nodeargs   []string
}

func parseOptions(opts *structpb.Struct) (options, error) {
	o := options{typescript: true}
	fields := opts.GetFields()
	if v, ok := fields["typescript"]; ok {
		b, isBool := v.GetKind().(*structpb.Value_BoolValue)
		if !isBool {
			return o, errors.New("typescript option must be a boolean")
		}
		o.typescript = b.BoolValue
	}
	if v, ok := fields["tsconfig"]; ok {
		s, isString := v.GetKind().(*structpb.Value_StringValue)
		if !isString {
			return o, errors.New("tsconfigpath option must be a string")
		}
		o.tsconfig = s.StringValue
	}
	if v, ok := fields["nodeargs"]; ok {
		s, isString := v.GetKind().(*structpb.Value_StringValue)
		if !isString {
			return o, errors.New("nodeargs option must be a string")
		}
		// the official host splits with shell quoting rules; plain whitespace here
		o.nodeargs = strings.Fields(s.StringValue)
	}
	return o, nil
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	programDir := req.GetPwd()
	entry := req.GetProgram()
	rootDir := ""
	opts, err := parseOptions(info.GetOptions())
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	if info != nil {
		if info.GetProgramDirectory() != "" {
			programDir = info.GetProgramDirectory()
		}
		if info.GetEntryPoint() != "" {
			entry = info.GetEntryPoint()
		}
		rootDir = info.GetRootDirectory()
	}
	if entry == "" {
		entry = "."
	}

	resolve := exec.CommandContext(ctx, "node", "-p", "require.resolve('@pulumi/pulumi/cmd/run')")
	resolve.Dir = programDir
	runner, err := resolve.Output()
	if err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf(
			"cannot find @pulumi/pulumi from %s; run `npm install` there first (%v)", programDir, err)}, nil
	}

	args := []string{strings.TrimSpace(string(runner)),
		"--monitor", req.GetMonitorAddress(),
		"--engine", h.engineAddress,
		"--project", req.GetProject(),
		"--stack", req.GetStack(),
		"--pwd", programDir,
		"--parallel", strconv.Itoa(int(req.GetParallel())),
	}
	if req.GetOrganization() != "" {
		args = append(args, "--organization", req.GetOrganization())
	}
	if rootDir != "" {
		args = append(args, "--root-directory", rootDir)
	}
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	args = append(args, filepath.ToSlash(entry))
	args = append(args, req.GetArgs()...)

	config, err := json.Marshal(req.GetConfig())
	if err != nil {
		return nil, err
	}
	secretKeys, err := json.Marshal(append([]string{}, req.GetConfigSecretKeys()...))
	if err != nil {
		return nil, err
	}

	cmd := exec.CommandContext(ctx, "node", append(append([]string{}, opts.nodeargs...), args...)...)
	cmd.Dir = programDir
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	cmd.Env = append(os.Environ(),
		"PULUMI_CONFIG="+string(config),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeys),
	)
	if opts.typescript {
		cmd.Env = append(cmd.Env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if opts.tsconfig != "" {
		cmd.Env = append(cmd.Env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			if exitErr.ExitCode() == exitCodeReported {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode())}, nil
		}
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}
