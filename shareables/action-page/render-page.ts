// The action page's HTML: every resource with its ready-made posts, rendered up front so the page
// reads without JavaScript; the script adds copying, filtering and the Mastodon prompt.
import { KIND_LABELS, RESOURCE_KINDS, type Content, type Resource } from '../content-schema.js';
import type { GeneratedShareables, SharePost } from '../generate-posts.js';
import { networkLabel, shareNetworkIds } from '../networks.js';
import { html, nothing, type Markup } from './html.js';
import { shareHref } from './share-links.js';

export interface RenderPageInput {
  content: Content;
  generated: GeneratedShareables;
  /** PUBLIC_BASE_URL, or null: share buttons then link straight to the networks. */
  publicBaseUrl: string | null;
  /** Each image's name in the page folder, by its source path. */
  imageNames: ReadonlyMap<string, string>;
  /** File names of the page's script and stylesheet. */
  scriptFile: string;
  styleFile: string;
}

/** Served with the page as a meta tag, so a static host without headers is still held to it. */
const PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";

const EXAMPLE_LABEL = 'Example link — replace before publishing';

function postItem(post: SharePost, index: number, resource: Resource, publicBaseUrl: string | null): Markup {
  const textId = `post-text-${index}`;
  const network = networkLabel(post.network);
  const href = shareHref(post, publicBaseUrl);
  const share =
    post.network === 'mastodon'
      ? html`<a class="button share" data-network="mastodon" data-share-template="${href}" href="#mastodon-dialog" target="_blank" rel="noopener noreferrer">Share on Mastodon<span class="visually-hidden">: ${resource.title} (opens in a new tab)</span></a>`
      : html`<a class="button share" data-network="${post.network}" href="${href}" target="_blank" rel="noopener noreferrer">Share on ${network}<span class="visually-hidden">: ${resource.title} (opens in a new tab)</span></a>`;
  return html`
        <li class="post" data-network="${post.network}" data-kind="${post.kind}" data-shareable="${post.shareableId}">
          <p class="post-head"><span class="network">${network}</span> <span class="badge"><span aria-hidden="true">${post.length} / ${post.limit}</span><span class="visually-hidden">${post.length} of ${post.limit} characters as ${network} counts them</span></span></p>
          <p class="post-text" id="${textId}">${post.text}</p>
          <div class="actions">
            <button type="button" class="button primary copy" data-copy="${textId}"><span class="label">Copy</span><span class="visually-hidden"> the ${network} post: ${resource.title}</span></button>
            ${share}
          </div>
        </li>`;
}

function resourceArticle(resource: Resource, posts: readonly { post: SharePost; index: number }[], input: RenderPageInput): Markup {
  const headingId = `resource-${resource.id}`;
  const image = resource.image ? input.imageNames.get(resource.image.src) : undefined;
  return html`
      <article class="resource" aria-labelledby="${headingId}">
        <h3 id="${headingId}">${resource.title}</h3>
        ${resource.when ? html`<p class="meta">${resource.when}</p>` : nothing}
        ${resource.example ? html`<p><span class="example">${EXAMPLE_LABEL}</span></p>` : nothing}
        ${image && resource.image ? html`<img src="images/${image}" alt="${resource.image.alt}" loading="lazy">` : nothing}
        <p>${resource.summary}</p>
        ${resource.stat ? html`<p class="stat">${resource.stat}</p>` : nothing}
        <blockquote><p>“${resource.quote.text}”</p><p class="meta">— ${resource.quote.attribution}</p></blockquote>
        <p><a href="${resource.url}">Open “${resource.title}”</a></p>
        <ul class="posts" aria-label="Ready-made posts about ${resource.title}">${posts.map(({ post, index }) => postItem(post, index, resource, input.publicBaseUrl))}
        </ul>
      </article>`;
}

function openGraph(input: RenderPageInput): Markup {
  const { campaign } = input.content;
  const base = input.publicBaseUrl?.replace(/\/+$/, '');
  const image = campaign.image ? input.imageNames.get(campaign.image.src) : undefined;
  // OpenGraph wants absolute URLs, known only when the public base URL is configured.
  return html`<meta property="og:type" content="website">
  <meta property="og:title" content="${campaign.title}">
  <meta property="og:description" content="${campaign.description}">
  ${base ? html`<meta property="og:url" content="${base}/action/">` : nothing}
  ${base && image && campaign.image ? html`<meta property="og:image" content="${base}/action/images/${image}">
  <meta property="og:image:alt" content="${campaign.image.alt}">` : nothing}
  <meta name="twitter:card" content="${base && image ? 'summary_large_image' : 'summary'}">`;
}

/** The complete index.html of the action page. */
export function renderActionPageHtml(input: RenderPageInput): string {
  const { content, generated } = input;
  const resourcesById = new Map(content.resources.map((resource) => [resource.id, resource]));
  const postsByResource = new Map<string, Array<{ post: SharePost; index: number }>>();
  generated.posts.forEach((post, index) => {
    const list = postsByResource.get(post.resourceId) ?? [];
    list.push({ post, index });
    postsByResource.set(post.resourceId, list);
  });
  const examples = content.resources.filter((resource) => resource.example).length;
  const kinds = RESOURCE_KINDS.filter((kind) => content.resources.some((resource) => resource.kind === kind && postsByResource.has(resource.id)));
  const networks = shareNetworkIds().filter((network) => generated.posts.some((post) => post.network === network));

  const sections = kinds.map((kind) => {
    const resources = content.resources.filter((resource) => resource.kind === kind && postsByResource.has(resource.id));
    return html`
    <section class="kind-section" data-kind="${kind}" aria-labelledby="kind-${kind}">
      <h2 id="kind-${kind}">${KIND_LABELS[kind]}</h2>${resources.map((resource) => resourceArticle(resourcesById.get(resource.id)!, postsByResource.get(resource.id)!, input))}
    </section>`;
  });

  const page = html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}">
  <meta name="referrer" content="no-referrer">
  <title>${content.campaign.title}</title>
  <meta name="description" content="${content.campaign.description}">
  ${openGraph(input)}
  <link rel="icon" href="favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="${input.styleFile}">
  <script src="${input.scriptFile}" defer></script>
</head>
<body>
  <a class="skip-link" href="#posts">Skip to the posts</a>
  <div class="wrap">
  <header>
    <h1>${content.campaign.title}</h1>
    <p>${content.campaign.description}</p>
    <p>Pick a post, then press <strong>Copy</strong> and paste it where you post, or press <strong>Share</strong> to open it ready to send. Edit it as you like: it is yours.</p>
  </header>
  ${
    examples > 0
      ? html`<p class="notice" role="note"><strong>Example links — replace before publishing.</strong> ${examples === 1 ? 'One resource links' : `${examples} resources link`} to an example page that may not exist.</p>`
      : nothing
  }
  <noscript><p class="notice">Copy buttons, filters and Mastodon sharing need JavaScript. You can still select a post's text and copy it, and the other Share buttons work.</p></noscript>
  <main>
    <form class="filters" id="filters" hidden aria-label="Filter posts">
      <div>
        <label for="filter-kind">Resource kind</label>
        <select id="filter-kind">
          <option value="">All kinds</option>${kinds.map((kind) => html`
          <option value="${kind}">${KIND_LABELS[kind]}</option>`)}
        </select>
      </div>
      <div>
        <label for="filter-network">Network</label>
        <select id="filter-network">
          <option value="">All networks</option>${networks.map((network) => html`
          <option value="${network}">${networkLabel(network)}</option>`)}
        </select>
      </div>
      <div>
        <p class="meta" id="mastodon-current"></p>
        <button type="button" class="button" id="mastodon-change" hidden>Set Mastodon server</button>
      </div>
    </form>
    <p class="count" id="count" role="status">Showing ${generated.posts.length} posts</p>
    <div id="posts">${sections}
    </div>
  </main>
  <footer class="site">
    <p>No tracking: this page sets no cookies and loads nothing from other sites. If you choose a Mastodon server, your browser remembers it on this device only.</p>
  </footer>
  </div>
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
</body>
</html>
`;
  return page.markup;
}
