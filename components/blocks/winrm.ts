/**
 * winrm: make a fresh machine reachable by Packer's WinRM communicator.
 */
import { diagnostic, formatDiagnostic, type Diagnostic } from "../core/diagnostics";
import { checkCommandLength, passCommands, type PassCommand } from "./commands";
import { ArgumentCheck, type UnattendLayer } from "./common";

/** winrm's arguments. */
export interface WinrmArgs {
  /**
   * The listener: "https" (port 5986, a self-signed certificate made for
   * the computer's name: Packer's `winrm_use_ssl = true`, `winrm_insecure = true`)
   * or "http" (port 5985).
   * @example transport: "https"
   */
  transport: "https" | "http";
  /**
   * Allow Basic authentication (user name and password), which Packer's
   * communicator uses by default (NTLM with `winrm_use_ntlm = true` needs none of this).
   * @default true
   * @example basicAuth: false
   */
  basicAuth?: boolean;
  /**
   * Allow unencrypted messages: required for Basic over HTTP (without it
   * the service refuses Packer, which then waits until its timeout).
   * @default true for http with basicAuth, false otherwise
   * @example allowUnencrypted: true
   */
  allowUnencrypted?: boolean;
  /**
   * Open the listener's port in Windows Firewall for every network profile
   * (Enable-PSRemoting alone opens it on public networks to the local subnet only).
   * @default true
   * @example firewall: false
   */
  firewall?: boolean;
  /**
   * The listener's port.
   * @default 5986 for https, 5985 for http
   * @example port: 5985
   */
  port?: number;
  /**
   * When: at the first logon (FirstLogonCommands: with automatic logon, e.g.
   * builtinAdministrator's, it runs with no one there) or in specialize
   * (before any logon; http only, since the HTTPS listener's command is
   * longer than the 259 characters a specialize command holds).
   * @default "firstLogon"
   * @example pass: "specialize"
   */
  pass?: "firstLogon" | "specialize";
}

/** PowerShell, given with -EncodedCommand (base64 of UTF-16LE): never through the command line's quoting. */
export function encodedPowerShell(script: string): string {
  return `powershell -NoProfile -ExecutionPolicy Bypass -EncodedCommand ${Buffer.from(script, "utf16le").toString("base64")}`;
}

/**
 * The warnings for insecure combinations (the block emits them with
 * process.emitWarning; they do not stop it): Basic over HTTP sends the
 * password readable by anyone on the network, and unencrypted messages
 * let anyone read and change the commands.
 */
export function winrmWarnings(args: WinrmArgs): Diagnostic[] {
  new ArgumentCheck("winrmWarnings").object([], args, "the arguments of winrmWarnings");
  const out: Diagnostic[] = [];
  const basic = args.basicAuth ?? true;
  const unencrypted = args.allowUnencrypted ?? (args.transport === "http" && basic);
  if (args.transport === "http" && basic)
    out.push(
      diagnostic(
        "warning",
        "insecure-winrm",
        ["winrm", "basicAuth"],
        'Basic authentication over HTTP sends the password readable on the network: use it on an isolated build network only, or transport "https".',
      ),
    );
  if (unencrypted)
    out.push(
      diagnostic(
        "warning",
        "insecure-winrm",
        ["winrm", "allowUnencrypted"],
        "allowUnencrypted lets anyone on the network read and change WinRM messages: remove the listener (or the setting) when the build is done.",
      ),
    );
  return out;
}

/**
 * WinRM for Packer's communicator, consistent by construction.
 *
 * Writes, in the oobeSystem pass, component Microsoft-Windows-Shell-Setup,
 * `FirstLogonCommands` (or with `pass: "specialize"`, in component
 * Microsoft-Windows-Deployment, `RunSynchronous` of specialize), in order:
 * 1. `powershell -NoProfile -Command Enable-PSRemoting -SkipNetworkProfileCheck -Force`:
 *    starts WinRM, makes it start automatically and adds the HTTP listener on 5985;
 * 2. for https, a PowerShell command (-EncodedCommand) that makes a
 *    self-signed certificate for the computer's name and the HTTPS listener on the port;
 *    for http on another port than 5985, `winrm set` of the HTTP listener's Port;
 * 3. with basicAuth, `cmd /c winrm set winrm/config/service/auth @{Basic="true"}`;
 * 4. with allowUnencrypted, `cmd /c winrm set winrm/config/service @{AllowUnencrypted="true"}`;
 * 5. with firewall, `netsh advfirewall firewall add rule` allowing TCP on
 *    the port, inbound, for every profile.
 *
 * Basic over HTTP without AllowUnencrypted is refused (Packer would wait
 * for WinRM until its timeout); Basic over HTTP and unencrypted messages
 * are allowed with a warning (winrmWarnings, code insecure-winrm).
 * @param args the transport, and optionally authentication, encryption, firewall, port and pass.
 * @returns a layer named "winrm".
 * @throws UnattendValidationError for an unknown transport or pass, Basic over HTTP without allowUnencrypted, a port outside 1 to 65535, or https in specialize.
 * @example
 * winrm({ transport: "https" })
 * winrm({ transport: "http", basicAuth: true, allowUnencrypted: true })
 */
export function winrm(args: WinrmArgs): UnattendLayer {
  const check = new ArgumentCheck("winrm");
  if (typeof args !== "object" || args === null) {
    check.fail([], 'Give { transport: "https" | "http", basicAuth?, allowUnencrypted?, firewall?, port?, pass? }.');
    check.done();
  }
  check.oneOf(["transport"], args.transport, ["https", "http"] as const, "transport");
  if (args.transport === undefined) check.fail(["transport"], 'transport must be "https" or "http".');
  for (const key of ["basicAuth", "allowUnencrypted", "firewall"] as const) check.oneOf([key], args[key], [true, false], key);
  check.integer(["port"], args.port, 1, "port", 65535);
  check.oneOf(["pass"], args.pass, ["firstLogon", "specialize"] as const, "pass");
  const basic = args.basicAuth ?? true;
  const unencrypted = args.allowUnencrypted ?? (args.transport === "http" && basic);
  if (args.transport === "http" && basic && !unencrypted)
    check.fail(
      ["allowUnencrypted"],
      'Basic authentication over HTTP needs allowUnencrypted: true (WinRM refuses Basic on an unencrypted listener, and Packer waits until its timeout). Set it, or use transport "https".',
    );
  const pass = args.pass ?? "firstLogon";
  if (pass === "specialize" && args.transport === "https")
    check.fail(
      ["pass"],
      'The HTTPS listener\'s command is longer than the 259 characters a specialize command holds: use pass "firstLogon" (the default).',
    );
  check.done();
  const port = args.port ?? (args.transport === "https" ? 5986 : 5985);
  const commands: PassCommand[] = [
    { line: "powershell -NoProfile -Command Enable-PSRemoting -SkipNetworkProfileCheck -Force", description: "WinRM: start the service" },
  ];
  if (args.transport === "https")
    commands.push({
      line: encodedPowerShell(
        `$c = New-SelfSignedCertificate -DnsName $env:COMPUTERNAME -CertStoreLocation Cert:\\LocalMachine\\My; New-Item -Path WSMan:\\localhost\\Listener -Transport HTTPS -Address * -Port ${port} -CertificateThumbPrint $c.Thumbprint -Force`,
      ),
      description: `WinRM: HTTPS listener on ${port} with a self-signed certificate`,
    });
  else if (port !== 5985)
    commands.push({
      line: `cmd /c winrm set winrm/config/listener?Address=*+Transport=HTTP @{Port="${port}"}`,
      description: `WinRM: HTTP listener on ${port}`,
    });
  if (basic) commands.push({ line: 'cmd /c winrm set winrm/config/service/auth @{Basic="true"}', description: "WinRM: Basic authentication" });
  if (unencrypted)
    commands.push({ line: 'cmd /c winrm set winrm/config/service @{AllowUnencrypted="true"}', description: "WinRM: allow unencrypted messages" });
  if (args.firewall ?? true)
    commands.push({
      line: `netsh advfirewall firewall add rule name=WinRM-${args.transport.toUpperCase()}-${port} dir=in action=allow protocol=TCP localport=${port} profile=any`,
      description: `WinRM: open TCP ${port} in the firewall`,
    });
  for (const c of commands) checkCommandLength(check, [], pass, c.line, c.description!);
  check.done();
  for (const w of winrmWarnings(args)) process.emitWarning(formatDiagnostic(w, { code: false }), { code: "insecure-winrm" });
  return { name: "winrm", settings: passCommands(pass, commands) };
}
