// Escaping for text placed into HTML. The content file is edited by staff, but a stray '<' or '&'
// must still show as itself, and nothing in it may become markup. The escaping is core/html-text.ts.
import { escapeHtml } from '../../core/html-text.js';

/** Markup that is already safe (built with `html`); plain strings given to `html` are always escaped. */
export class Markup {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

type Interpolation = string | number | Markup | readonly Markup[];

/** A template tag that escapes every interpolated string; Markup (and lists of it) goes in as is. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Markup {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    const piece = value instanceof Markup ? value.markup : Array.isArray(value) ? value.map((item: Markup) => item.markup).join('') : escapeHtml(String(value));
    out += piece + (strings[index + 1] ?? '');
  });
  return new Markup(out);
}

/** Renders nothing, for optional parts of a template. */
export const nothing = new Markup('');
