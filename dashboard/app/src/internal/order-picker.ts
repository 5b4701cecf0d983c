// The "Order by" picker of a list panel (top posts, top contributors): a labelled select of the
// orders the list offers, reporting the one picked.
import { html, type TemplateResult } from 'lit';

/** A labelled select of `orders` with `current` selected; `onPick` gets the order picked. */
export function orderPicker<T extends string>(orders: readonly T[], labels: Readonly<Record<T, string>>, current: T, onPick: (order: T) => void): TemplateResult {
  const onChange = (event: Event) => onPick((event.target as HTMLSelectElement).value as T);
  return html`<label>
    Order by
    <select @change=${onChange}>
      ${orders.map((order) => html`<option value=${order} ?selected=${order === current}>${labels[order]}</option>`)}
    </select>
  </label>`;
}
