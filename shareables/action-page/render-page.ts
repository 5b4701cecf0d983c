// The action page's HTML, made for a supporter on a phone: a short "why share", one network picker,
// kind filters, then one card per message with Share as its main button. Everything is rendered up
// front so the page works without JavaScript (plain share links); the script switches the network,
// copies, opens the phone's share menu and the Mastodon prompt. Nothing on it is meant for staff.
import { KIND_LABELS, RESOURCE_KINDS, type Content } from '../content-schema.js';
import { networkById } from '../../core/networks.js';
import { networkLabel, shareNetworkIds, type ShareNetwork } from '../networks.js';
import { html, Markup, nothing } from './html.js';
import { pageNetworkIds, pageNetworkLabel, SHARE_MENU, shownText, type ActionCard, type CardVariant } from './page-cards.js';

export interface RenderPageInput {
  content: Content;
  cards: readonly ActionCard[];
  /** Where share presses and copies are counted (PUBLIC_BASE_URL, or "/" on the tracker itself); null: not counted. */
  countBase: string | null;
  /** The page's own public address, for link previews; null when unknown. */
  pageUrl: string | null;
  /** The link preview image: its path in the page folder, pixel size when known, and alt text. */
  previewImage: { path: string; alt: string; width: number | null; height: number | null } | null;
  /** The page's Content-Security-Policy, also set as a meta tag so a static host without headers is held to it. */
  csp: string;
  /** File names of the page's script and stylesheet. */
  scriptFile: string;
  styleFile: string;
}

/** What one card is, in the singular (the filters use the plural KIND_LABELS). */
const CARD_KIND: Readonly<Record<ActionCard['kind'], string>> = { exemplar: 'Story', tool: 'Tool', conversation: 'Event', research: 'Research' };

/** The network a card shows before the script runs (or without it): the first it has a post for. */
function staticNetwork(card: ActionCard): ShareNetwork {
  return shareNetworkIds().find((network) => card.variants[network]) ?? Object.keys(card.variants)[0]!;
}

/** A share intent that takes only the link (LinkedIn, Facebook): the supporter pastes the text. */
function takesLinkOnly(network: ShareNetwork): boolean {
  const intent = networkById(network).shareIntent;
  return intent.kind === 'fixed' && !intent.url.includes('{text}') && !intent.url.includes('{textWithoutLink}');
}

/** A share intent on the supporter's own server (Mastodon): only the script can ask for it. */
function needsServer(network: ShareNetwork): boolean {
  return networkById(network).shareIntent.kind === 'per-server';
}

function shareLink(card: ActionCard, network: ShareNetwork, variant: CardVariant, main: boolean): Markup {
  const label = main ? `Share on ${networkLabel(network)}` : networkLabel(network);
  return html`<a class="${main ? 'button primary share' : 'button small'}" href="${variant.share ?? '#'}" target="_blank" rel="noopener noreferrer"${main ? html` data-share` : nothing}>${label}<span class="visually-hidden">: ${card.title} (opens in a new tab)</span></a>`;
}

function cardItem(card: ActionCard, index: number): Markup {
  const network = staticNetwork(card);
  const variant = card.variants[network]!;
  const headingId = `card-${index}`;
  // Without the script: links for the other networks, except those needing the supporter's server.
  const others = shareNetworkIds().filter((other) => other !== network && !needsServer(other) && card.variants[other]?.share);
  const kindLine = card.when ? `${CARD_KIND[card.kind]} · ${card.when}` : CARD_KIND[card.kind];
  return html`
      <li class="card" data-shareable="${card.shareableId}" data-kind="${card.kind}"${card.date ? html` data-date="${card.date}"` : nothing} aria-labelledby="${headingId}">
        <div class="card-head">
          <div>
            <p class="card-kind">${kindLine}</p>
            <h2 id="${headingId}">${card.title}</h2>
          </div>
          ${card.image ? html`<img src="${card.image.src}" alt="${card.image.alt}" width="64" height="64" loading="lazy">` : nothing}
        </div>
        <p class="post-text" data-text>${shownText(variant)}</p>
        <div class="actions">
          ${shareLink(card, network, variant, true)}
          <button type="button" class="button copy" data-copy hidden>Copy<span class="visually-hidden"> the post: ${card.title}</span></button>
        </div>
        ${others.length > 0 ? html`<p class="also" data-also>Or share on ${others.map((other) => shareLink(card, other, card.variants[other]!, false))}</p>` : nothing}
      </li>`;
}

function linkPreviewTags(input: RenderPageInput): Markup {
  const { campaign } = input.content;
  const image = input.previewImage;
  // Open Graph wants absolute addresses; without the page's address the image path is relative,
  // which most chat apps resolve and `shareables check` warns about.
  const imageUrl = image ? (input.pageUrl ? new URL(image.path, input.pageUrl).toString() : image.path) : null;
  return html`<meta property="og:type" content="website">
  <meta property="og:title" content="${campaign.title}">
  <meta property="og:description" content="${campaign.description}">
  ${input.pageUrl ? html`<meta property="og:url" content="${input.pageUrl}">
  <link rel="canonical" href="${input.pageUrl}">` : nothing}
  ${image && imageUrl ? html`<meta property="og:image" content="${imageUrl}">
  ${image.width && image.height ? html`<meta property="og:image:width" content="${image.width}">
  <meta property="og:image:height" content="${image.height}">` : nothing}
  <meta property="og:image:alt" content="${image.alt}">` : nothing}
  <meta name="twitter:card" content="${imageUrl ? 'summary_large_image' : 'summary'}">
  <meta name="twitter:title" content="${campaign.title}">
  <meta name="twitter:description" content="${campaign.description}">
  ${image && imageUrl ? html`<meta name="twitter:image" content="${imageUrl}">
  <meta name="twitter:image:alt" content="${image.alt}">` : nothing}`;
}

/**
 * The cards' texts and share targets on every network, and the networks that take only the link,
 * for the script (JSON is data: the CSP runs no inline script).
 */
function variantsJson(cards: readonly ActionCard[], networks: readonly string[]): string {
  const data = {
    linkOnly: Object.fromEntries(networks.filter((network) => network !== SHARE_MENU && takesLinkOnly(network)).map((network) => [network, networkLabel(network)])),
    cards: Object.fromEntries(
      cards.map((card) => [
        card.shareableId,
        {
          title: card.title,
          image: card.image?.src ?? null,
          variants: Object.fromEntries(
            Object.entries(card.variants).flatMap(([network, variant]) => (variant ? [[network, { text: variant.text, link: variant.link, shown: variant.shownLink, share: variant.share }]] : [])),
          ),
        },
      ]),
    ),
  };
  // "<" escaped so no text can close the script element.
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

/** The complete index.html of the action page. */
export function renderActionPageHtml(input: RenderPageInput): string {
  const { content, cards } = input;
  const kinds = RESOURCE_KINDS.filter((kind) => cards.some((card) => card.kind === kind));
  const networks = pageNetworkIds().filter((network) => cards.some((card) => card.variants[network]));
  const page = html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="Content-Security-Policy" content="${input.csp}">
  <meta name="referrer" content="no-referrer">
  <title>${content.campaign.title}</title>
  <meta name="description" content="${content.campaign.description}">
  ${linkPreviewTags(input)}
  <link rel="icon" href="favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="${input.styleFile}">
  <script src="${input.scriptFile}" defer></script>
</head>
<body${input.countBase ? html` data-count-base="${input.countBase}"` : nothing}>
  <header class="top">
    <h1>${content.campaign.title}</h1>
    <p class="why">${content.campaign.why ?? content.campaign.description}</p>
  </header>
  <main>
    <form class="picker" id="picker" hidden aria-label="Choose posts">
      <div class="picker-network">
        <label for="network">Post to</label>
        <select id="network">${networks.map((network) => html`
          <option value="${network}">${pageNetworkLabel(network)}</option>`)}
        </select>
      </div>
      <p class="hint" id="network-hint" hidden></p>
      <p class="hint" id="mastodon-line" hidden><span id="mastodon-current"></span> <button type="button" class="link-button" id="mastodon-change">Change</button></p>
      <fieldset class="kinds">
        <legend class="visually-hidden">Show</legend>
        <label class="chip"><input type="radio" name="kind" value="" checked> All</label>${kinds.map((kind) => html`
        <label class="chip"><input type="radio" name="kind" value="${kind}"> ${KIND_LABELS[kind]}</label>`)}
      </fieldset>
    </form>
    <p class="visually-hidden" id="count" role="status"></p>
    <ul class="cards" id="cards">${cards.map((card, index) => cardItem(card, index))}
    </ul>
  </main>
  <footer class="site">
    <p>Edit any post as you like: it is yours. This page sets no cookies and loads nothing from other sites; shares and copies are counted without anything about you. Your network choice is remembered on this device only.</p>
  </footer>
  <div id="announcer" class="visually-hidden" role="status" aria-live="polite"></div>
  <dialog id="mastodon-dialog" aria-labelledby="mastodon-title" aria-describedby="mastodon-help">
    <form id="mastodon-form" novalidate>
      <h2 id="mastodon-title">Which Mastodon server are you on?</h2>
      <p id="mastodon-help">Mastodon has many servers. Type the one your account lives on, for example mastodon.social. This browser remembers it, so we ask once.</p>
      <label for="mastodon-server">Your server</label>
      <input id="mastodon-server" name="server" type="text" inputmode="url" autocomplete="off" autocapitalize="none" spellcheck="false" aria-describedby="mastodon-error">
      <p class="error" id="mastodon-error" aria-live="assertive"></p>
      <div class="actions">
        <button type="submit" class="button primary">Save</button>
        <button type="button" class="button" id="mastodon-cancel">Cancel</button>
      </div>
    </form>
  </dialog>
  <script type="application/json" id="card-data">${new Markup(variantsJson(cards, networks))}</script>
</body>
</html>
`;
  return page.markup;
}
