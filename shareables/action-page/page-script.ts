// The action page's script, shipped as action-page.js: the network picker (remembered on the device),
// kind filters, Share (network links, the phone's share menu with the image attached, Mastodon's
// server prompt), Copy, and counting of shares and copies. Plain ES2017 for old phones; no framework.
// Counting sends only "this message, this network" to the tracker (a beacon with no body, no cookie);
// stored on the device, in localStorage only: the chosen network and the Mastodon server.
// Kept as a string so the compiled CLI carries it; its server-name rule mirrors
// normalizeMastodonServer in share-intents.ts (both are tested).

/** The client script. */
export const ACTION_PAGE_JS = String.raw`(function () {
  'use strict';
  var NETWORK_KEY = 'jobquality.network';
  var SERVER_KEY = 'jobquality.mastodonServer';
  var MENU = 'apps';
  var HOST = /^(?=.{1,253}(:|$))([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9](:[0-9]{1,5})?$/;

  var pageData = JSON.parse(document.getElementById('card-data').textContent);
  var data = pageData.cards;
  // Networks whose share link takes only the link (LinkedIn, Facebook), by id, with their names.
  var LINK_ONLY = pageData.linkOnly;
  var countBase = (document.body.getAttribute('data-count-base') || '').replace(/\/+$/, '');
  var hasCountBase = document.body.hasAttribute('data-count-base');
  var canShareMenu = typeof navigator.share === 'function';

  function stored(key) { try { return localStorage.getItem(key); } catch (error) { return null; } }
  function store(key, value) { try { localStorage.setItem(key, value); } catch (error) { /* private mode: this visit only */ } }

  var announcer = document.getElementById('announcer');
  var announceTimer = 0;
  // Cleared first and set a moment later, so saying "Copied" twice is announced twice.
  function announce(message) {
    announcer.textContent = '';
    clearTimeout(announceTimer);
    announceTimer = setTimeout(function () { announcer.textContent = message; }, 100);
  }

  // ---- Counting -----------------------------------------------------------------------------
  // A bodiless POST: no preflight, works from a page uploaded to another site, survives leaving the page.
  function count(kind, shareableId, network) {
    if (!hasCountBase) return;
    var url = countBase + '/' + kind + '/' + encodeURIComponent(shareableId) + '/' + network;
    try {
      if (navigator.sendBeacon && navigator.sendBeacon(url)) return;
    } catch (error) { /* fall through */ }
    if (window.fetch) fetch(url, { method: 'POST', mode: 'no-cors', keepalive: true, credentials: 'omit' }).catch(function () {});
  }

  // ---- Copy ---------------------------------------------------------------------------------
  function legacyCopy(text) {
    var active = document.activeElement;
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'offscreen';
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (error) { ok = false; }
    document.body.removeChild(area);
    if (active && active.focus) active.focus();
    return ok;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      // Refused (no permission, page not focused): fall back rather than fail.
      return navigator.clipboard.writeText(text).then(function () { return true; }, function () { return legacyCopy(text); });
    }
    return Promise.resolve(legacyCopy(text));
  }

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  // ---- Mastodon server ----------------------------------------------------------------------
  function normalizeServer(input) {
    var value = String(input).trim();
    if (/^@?[^@\s\/]+@[^@\s\/]+$/.test(value)) value = value.slice(value.lastIndexOf('@') + 1);
    if (!/^https?:\/\//i.test(value)) value = 'https://' + value;
    try {
      var url = new URL(value);
      if (url.username || url.password || !HOST.test(url.host)) return null;
      return url.host;
    } catch (error) {
      return null;
    }
  }
  var server = normalizeServer(stored(SERVER_KEY) || '');

  // ---- Network ------------------------------------------------------------------------------
  var picker = document.getElementById('picker');
  var select = document.getElementById('network');
  var hint = document.getElementById('network-hint');
  var mastodonLine = document.getElementById('mastodon-line');
  var mastodonCurrent = document.getElementById('mastodon-current');
  var change = document.getElementById('mastodon-change');
  var cards = document.querySelectorAll('li.card');
  var countLine = document.getElementById('count');

  if (!canShareMenu) {
    var menuOption = select.querySelector('option[value="' + MENU + '"]');
    if (menuOption) select.removeChild(menuOption);
  }
  function offered(network) { return !!network && !!select.querySelector('option[value="' + network + '"]'); }
  // A phone with a share menu starts there (it lists the apps the supporter has); otherwise X.
  function deviceDefault() {
    var coarse = window.matchMedia && window.matchMedia('(pointer: coarse)').matches;
    if (canShareMenu && coarse && offered(MENU)) return MENU;
    return offered('x') ? 'x' : select.options[0].value;
  }
  var network = offered(stored(NETWORK_KEY)) ? stored(NETWORK_KEY) : deviceDefault();
  select.value = network;

  function networkName() { return select.options[select.selectedIndex].text; }
  function variantOf(card) {
    var entry = data[card.getAttribute('data-shareable')];
    return entry && entry.variants[network] || null;
  }
  function shown(variant) {
    var at = variant.text.lastIndexOf(variant.link);
    return at === -1 ? variant.text : variant.text.slice(0, at) + variant.shown + variant.text.slice(at + variant.link.length);
  }

  function renderCard(card) {
    var variant = variantOf(card);
    card.setAttribute('data-available', variant ? 'yes' : 'no');
    if (!variant) return;
    card.querySelector('[data-text]').textContent = shown(variant);
    var share = card.querySelector('a[data-share]');
    var title = data[card.getAttribute('data-shareable')].title;
    var label = network === MENU ? 'Share' : 'Share on ' + networkName();
    share.firstChild.textContent = label;
    share.lastChild.textContent = ': ' + title + (network === MENU ? '' : ' (opens in a new tab)');
    if (network === MENU) {
      share.setAttribute('role', 'button');
      share.href = '#';
    } else {
      share.removeAttribute('role');
      share.href = network === 'mastodon' ? (server ? variant.share.replace('{server}', server) : '#mastodon-dialog') : variant.share;
    }
  }

  function renderNetwork() {
    for (var i = 0; i < cards.length; i++) renderCard(cards[i]);
    hint.hidden = !LINK_ONLY[network];
    hint.textContent = LINK_ONLY[network] ? LINK_ONLY[network] + ' adds only the link, so Share also copies the text: paste it into your post.' : '';
    mastodonLine.hidden = network !== 'mastodon';
    mastodonCurrent.textContent = 'Mastodon server: ' + (server || 'not set yet');
    change.textContent = server ? 'Change' : 'Set it now';
    applyFilters();
  }

  select.addEventListener('change', function () {
    network = select.value;
    store(NETWORK_KEY, network);
    renderNetwork();
    announce('Showing posts for ' + networkName());
  });

  // ---- Kind filter and past events ----------------------------------------------------------
  function localToday() {
    var now = new Date();
    function two(n) { return (n < 10 ? '0' : '') + n; }
    return now.getFullYear() + '-' + two(now.getMonth() + 1) + '-' + two(now.getDate());
  }
  var today = localToday();

  function applyFilters() {
    var checked = picker.querySelector('input[name="kind"]:checked');
    var kind = checked ? checked.value : '';
    var shownCount = 0;
    for (var i = 0; i < cards.length; i++) {
      var date = cards[i].getAttribute('data-date');
      var visible = cards[i].getAttribute('data-available') === 'yes' && (!kind || cards[i].getAttribute('data-kind') === kind) && !(date && date < today);
      cards[i].hidden = !visible;
      if (visible) shownCount++;
    }
    countLine.textContent = 'Showing ' + shownCount + (shownCount === 1 ? ' post' : ' posts');
  }
  picker.addEventListener('change', function (event) {
    if (event.target.name === 'kind') applyFilters();
  });
  picker.addEventListener('submit', function (event) { event.preventDefault(); });

  // ---- Share --------------------------------------------------------------------------------
  function openShareMenu(card, variant) {
    var shareableId = card.getAttribute('data-shareable');
    var image = data[shareableId].image;
    function open(files) {
      var payload = { text: variant.text };
      if (files && navigator.canShare && navigator.canShare({ files: files, text: variant.text })) payload.files = files;
      return navigator.share(payload).then(function () {
        count('s', shareableId, MENU);
      }, function (error) {
        if (error && error.name === 'AbortError') return;
        announce('Your phone could not open its share menu: use Copy, then paste the post in your app');
      });
    }
    if (!image || !window.fetch || typeof File !== 'function') return open(null);
    return fetch(image).then(function (response) { return response.ok ? response.blob() : null; }).then(function (blob) {
      return open(blob ? [new File([blob], image.slice(image.lastIndexOf('/') + 1), { type: blob.type })] : null);
    }, function () { return open(null); });
  }

  var pending = null;
  document.addEventListener('click', function (event) {
    var target = event.target.closest ? event.target : event.target.parentElement;
    var share = target && target.closest('a[data-share]');
    var copy = target && target.closest('button[data-copy]');
    var card = (share || copy) && (share || copy).closest('li.card');
    if (!card) return;
    var variant = variantOf(card);
    if (!variant) return;
    if (share) {
      if (network === MENU) {
        event.preventDefault();
        openShareMenu(card, variant);
      } else if (network === 'mastodon' && !server) {
        event.preventDefault();
        askForServer(share);
      } else if (LINK_ONLY[network]) {
        copyText(variant.text).then(function (ok) { if (ok) announce('The post is copied: paste it into ' + LINK_ONLY[network]); });
      }
      return;
    }
    var source = card.querySelector('[data-text]');
    copyText(variant.text).then(function (ok) {
      if (ok) {
        count('c', card.getAttribute('data-shareable'), network);
        announce('Copied');
        copy.firstChild.textContent = 'Copied';
        setTimeout(function () { copy.firstChild.textContent = 'Copy'; }, 2000);
      } else {
        selectText(source);
        announce('Could not copy automatically: the text is selected, copy it with your keyboard or menu');
      }
    });
  });

  // ---- Mastodon prompt ----------------------------------------------------------------------
  var dialog = document.getElementById('mastodon-dialog');
  var form = document.getElementById('mastodon-form');
  var input = document.getElementById('mastodon-server');
  var error = document.getElementById('mastodon-error');

  function askForServer(link) {
    pending = link;
    input.value = server || '';
    error.textContent = '';
    input.removeAttribute('aria-invalid');
    if (dialog.showModal) dialog.showModal(); else dialog.setAttribute('open', '');
    input.focus();
  }
  function closeDialog() {
    if (dialog.close) dialog.close(); else dialog.removeAttribute('open');
  }
  change.addEventListener('click', function () { askForServer(null); });

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var host = normalizeServer(input.value);
    if (!host) {
      error.textContent = 'That is not a server name. Type its address, for example mastodon.social';
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    server = host;
    store(SERVER_KEY, host);
    var link = pending;
    pending = null;
    closeDialog();
    renderNetwork();
    announce('Mastodon server set to ' + host);
    if (link) {
      link.focus();
      window.open(link.href, '_blank', 'noopener');
    } else {
      change.focus();
    }
  });
  document.getElementById('mastodon-cancel').addEventListener('click', closeDialog);
  dialog.addEventListener('close', function () {
    if (pending) pending.focus();
    pending = null;
  });

  // ---- Start --------------------------------------------------------------------------------
  var extras = document.querySelectorAll('[data-also]');
  for (var e = 0; e < extras.length; e++) extras[e].hidden = true;
  var copies = document.querySelectorAll('button[data-copy]');
  for (var c = 0; c < copies.length; c++) copies[c].hidden = false;
  picker.hidden = false;
  renderNetwork();
})();
`;
