/**
 * What the building blocks share: the layer types they return, and the
 * checking of their arguments (every problem at once, as diagnostics with
 * code `invalid-argument` and the argument's path, e.g.
 * `diskLayout.uefi.windowsSize`; credentials are never quoted).
 */
import type * as pulumi from "@pulumi/pulumi";
import { diagnostic, notKnownYet, type Diagnostic, type PathSegment } from "../core/diagnostics";
import { throwIfErrors } from "../core/errors";
import type { UnattendLayerInput } from "../core/args";
import type { UnattendLayer } from "../core/merge";
import { didYouMean } from "../core/suggest";
import { describe } from "../core/values";

export type { UnattendLayer, UnattendLayerInput };

/** Text a block accepts from config, secrets or other resources. */
export type StringInput = pulumi.Input<string>;

/** Collects the problems with a block's arguments; `done()` throws them all at once. */
export class ArgumentCheck {
  private readonly problems: Diagnostic[] = [];

  /** @param block the block's name as called, e.g. "diskLayout.uefi". */
  constructor(private readonly block: string) {}

  private path(arg: readonly PathSegment[]): PathSegment[] {
    return [...this.block.split("."), ...arg];
  }

  /** Reports a problem with one argument. */
  fail(arg: readonly PathSegment[], message: string): void {
    this.problems.push(diagnostic("error", "invalid-argument", this.path(arg), message));
  }

  /** A whole number within bounds (inclusive), when given and known. */
  integer(arg: readonly PathSegment[], value: unknown, min: number, what: string, max?: number): void {
    if (value === undefined || notKnownYet(value)) return;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || (max !== undefined && value > max)) {
      const range = max !== undefined ? `from ${min} to ${max}` : `${min} or more`;
      this.fail(arg, `${what} must be a whole number ${range}; got ${describe(value)}.`);
    }
  }

  /** Non-empty text, when known; `secret` keeps the value out of the message. */
  text(arg: readonly PathSegment[], value: unknown, what: string, secret = false): void {
    if (notKnownYet(value)) return;
    if (typeof value !== "string" || value.trim() === "") this.fail(arg, `${what} must be non-empty text; got ${describe(value, secret)}.`);
  }

  /** Text matching a pattern, when known. */
  pattern(arg: readonly PathSegment[], value: unknown, re: RegExp, what: string, secret = false): void {
    if (value === undefined || notKnownYet(value)) return;
    if (typeof value !== "string" || !re.test(value)) this.fail(arg, `${what}; got ${describe(value, secret)}.`);
  }

  /** One of the listed values, when given. */
  oneOf<T>(arg: readonly PathSegment[], value: unknown, allowed: readonly T[], what: string): void {
    if (value === undefined || notKnownYet(value)) return;
    if (!allowed.includes(value as T)) {
      const names = allowed.filter((a): a is T & string => typeof a === "string");
      const hint = typeof value === "string" ? didYouMean(value, names) : "";
      this.fail(arg, `${what} must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}; got ${describe(value)}.${hint}`);
    }
  }

  /**
   * The block's arguments object (or options, when `optional` and not given):
   * anything else (null, a number, an array...) is thrown at once, before any
   * of its fields is read.
   */
  object<T>(arg: readonly PathSegment[], value: T, what: string, optional = false): T {
    if ((optional && value === undefined) || notKnownYet(value)) return value;
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      this.fail(arg, `${what} must be an object; got ${describe(value)}.`);
      this.done();
    }
    return value;
  }

  /** Throws UnattendValidationError with every problem found, if any. */
  done(): void {
    throwIfErrors(this.problems);
  }
}

/** Drops the keys whose value is undefined (so that a layer holds only what a block writes). */
export function defined<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}
