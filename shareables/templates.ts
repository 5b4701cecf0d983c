// Message templates: `{placeholder}` slots filled from a resource's fields. The link and the
// hashtags are never placeholders: the generator adds them so no template can leave them out.

/** Every placeholder a template may use. */
export const PLACEHOLDERS = ['title', 'summary', 'stat', 'quote', 'attribution', 'when'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Values for one resource; an absent optional field makes the templates that need it inapplicable. */
export type TemplateFields = Partial<Record<Placeholder, string>>;

const SLOT = /\{([^{}\s]*)\}/g;

/** The placeholder names a template uses, in order of appearance, repeats included. */
export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(SLOT)].map((match) => match[1] ?? '');
}

/** Whether `name` is a placeholder templates may use. */
export function isPlaceholder(name: string): name is Placeholder {
  return (PLACEHOLDERS as readonly string[]).includes(name);
}

/** The template with its slots filled, or null when a slot's field is missing for this resource. */
export function fillTemplate(template: string, fields: TemplateFields): string | null {
  let missing = false;
  // A replacer function, so a `$` in a field's value is taken literally.
  const filled = template.replace(SLOT, (slot, name: string) => {
    const value = isPlaceholder(name) ? fields[name] : undefined;
    if (value === undefined) missing = true;
    return value ?? slot;
  });
  return missing ? null : filled.trim();
}
