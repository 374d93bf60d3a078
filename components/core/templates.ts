/**
 * Template placeholders: answer files kept as Packer/Terraform templates
 * (`${var.admin_password}`, `%{ if ... }`), Go/Jinja/Mustache (`{{ .Name }}`,
 * `{% if %}`), ERB/Mako (`<%= x %>`), MDT (`@@COMPUTERNAME@@`), and whole values
 * that are a variable (`%locale%`, `$VmName`). Such a value is filled in
 * before Windows Setup sees the file, so it is reported as a `template`
 * warning, not checked against the setting's type, range or length.
 *
 * Two strengths, to avoid false alarms in command lines (where `%windir%`,
 * `$env:X` and even `${env:ProgramFiles}` are the command's own syntax): a
 * value that is wholly a placeholder is always one; a placeholder inside a
 * value counts only when the value would otherwise be refused, and only in a
 * template syntax (`${...}`, `%{...}`, `{{...}}`, `{%...%}`, `<%...%>`, `@@X@@`).
 * Two more forms count only as a whole value: `{ComputerName}` (a single-brace
 * name, as PowerShell's `-f` and C#'s string.Format fill in) and `--KEY--`.
 */

const INSIDE =
  /\$\{[^{}\r\n]{1,200}\}|%\{[^{}\r\n]{0,200}\}|\{\{[^\r\n]{0,200}?\}\}|\{%[^\r\n]{0,200}?%\}|<%[^\r\n]{0,200}?%>|@@[A-Za-z0-9_.-]{1,64}@@/;
const WHOLE =
  /^(?:\$\{[^{}\r\n]{1,200}\}|\{\{[^\r\n]{0,200}\}\}|@@[A-Za-z0-9_.-]{1,64}@@|%[A-Za-z_][A-Za-z0-9_]{0,63}%|\$[A-Za-z_][A-Za-z0-9_]{0,63}|<%=?[^\r\n]{0,200}%>|\{[A-Za-z_][A-Za-z0-9_.]{0,63}\}|--[A-Za-z_][A-Za-z0-9_]{0,63}--)$/;
/** A whole value `{0123abcd...}` of 32 hex digits is a GUID without dashes, not a `{Name}` placeholder. */
const HEX_GUID = /^\{[0-9a-fA-F]{32}\}$/;

/**
 * Template control directives (branches and loops) in text between elements:
 * HCL `%{ if ... }`, `%{ else }`, `%{ endif }`, `%{ for }`; Jinja/Twig `{% if %}`;
 * Go `{{ if }}`, `{{ else }}`, `{{ end }}`, `{{ range }}`; Mako lines `% if x:`,
 * `% endif`. Where such text holds two versions of one element, the file is
 * two documents in one, and only a rendered branch can be validated.
 */
const DIRECTIVE =
  /%\{~?\s*(?:if|else|endif|for|endfor)\b[^{}\r\n]{0,200}\}|\{%-?\s*(?:if|elif|else|endif|for|endfor)\b[^\r\n]{0,200}?%\}|\{\{-?\s*(?:if|else|end|range|with)\b[^\r\n]{0,200}?\}\}|^[ \t]*%[ \t]*(?:if|elif|else|endif|for|endfor)\b[^\r\n]{0,200}$/m;

/** The first template control directive in a text (between elements), if any. */
export function templateDirective(text: string): string | undefined {
  // every directive holds "%" or "{": most texts between elements are white space, left at once
  if (text.indexOf("%") === -1 && text.indexOf("{") === -1) return undefined;
  return DIRECTIVE.exec(text)?.[0].trim();
}

/** The placeholder that makes the whole value, if the value is one. */
export function wholePlaceholder(text: string): string | undefined {
  const t = text.trim();
  return t.length <= 300 && WHOLE.test(t) && !HEX_GUID.test(t) ? t : undefined;
}

/** The first template-syntax placeholder inside the value, if any. */
export function placeholderInside(text: string): string | undefined {
  return INSIDE.exec(text)?.[0];
}

/**
 * Whether a value may not be a literal: any placeholder form, including a
 * `%name%` inside a longer value. For checks that compare values with each
 * other (the cross-setting rules), which skip what they cannot compare.
 */
export function mayHoldPlaceholder(text: string): boolean {
  return wholePlaceholder(text) !== undefined || placeholderInside(text) !== undefined || /%[A-Za-z_][A-Za-z0-9_]{0,63}%/.test(text);
}
