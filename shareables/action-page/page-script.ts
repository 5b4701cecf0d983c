// The action page's script, shipped as action-page.js: Copy buttons, filters, and the Mastodon
// server prompt. Plain ES2017 for old phones; no framework, no network requests, no tracking.
// Stored only: the supporter's Mastodon server, in their own browser's localStorage.
// Kept as a string so the compiled CLI carries it; its server-name rule mirrors
// normalizeMastodonServer in share-intents.ts (both are tested).

/** The client script. */
export const ACTION_PAGE_JS = String.raw`(function () {
  'use strict';
  var STORAGE_KEY = 'jobquality.mastodonServer';
  var HOST = /^(?=.{1,253}(:|$))([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9](:[0-9]{1,5})?$/;

  var announcer = document.getElementById('announcer');
  var announceTimer = 0;
  // Cleared first and set a moment later, so saying "Copied" twice is announced twice.
  function announce(message) {
    announcer.textContent = '';
    clearTimeout(announceTimer);
    announceTimer = setTimeout(function () { announcer.textContent = message; }, 100);
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

  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('button.copy');
    if (!button) return;
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (!source) return;
    var label = button.querySelector('.label');
    copyText(source.textContent).then(function (ok) {
      if (ok) {
        announce('Copied');
        label.textContent = 'Copied';
        setTimeout(function () { label.textContent = 'Copy'; }, 2000);
      } else {
        selectText(source);
        announce('Could not copy automatically: the text is selected, copy it with your keyboard or menu');
      }
    });
  });

  // ---- Filters ------------------------------------------------------------------------------
  var filters = document.getElementById('filters');
  var kindSelect = document.getElementById('filter-kind');
  var networkSelect = document.getElementById('filter-network');
  var count = document.getElementById('count');

  function applyFilters() {
    var kind = kindSelect.value;
    var network = networkSelect.value;
    var shown = 0;
    var sections = document.querySelectorAll('.kind-section');
    for (var s = 0; s < sections.length; s++) {
      var sectionShown = 0;
      var resources = sections[s].querySelectorAll('.resource');
      for (var r = 0; r < resources.length; r++) {
        var resourceShown = 0;
        var posts = resources[r].querySelectorAll('.post');
        for (var p = 0; p < posts.length; p++) {
          var visible = (!kind || posts[p].getAttribute('data-kind') === kind) && (!network || posts[p].getAttribute('data-network') === network);
          posts[p].hidden = !visible;
          if (visible) resourceShown++;
        }
        resources[r].hidden = resourceShown === 0;
        sectionShown += resourceShown;
      }
      sections[s].hidden = sectionShown === 0;
      shown += sectionShown;
    }
    count.textContent = 'Showing ' + shown + (shown === 1 ? ' post' : ' posts');
  }

  filters.hidden = false;
  kindSelect.addEventListener('change', applyFilters);
  networkSelect.addEventListener('change', applyFilters);
  filters.addEventListener('submit', function (event) { event.preventDefault(); });
  applyFilters();

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

  function readServer() {
    try { return normalizeServer(localStorage.getItem(STORAGE_KEY) || ''); } catch (error) { return null; }
  }

  var mastodonLinks = document.querySelectorAll('a.share[data-network="mastodon"]');
  var dialog = document.getElementById('mastodon-dialog');
  var form = document.getElementById('mastodon-form');
  var input = document.getElementById('mastodon-server');
  var error = document.getElementById('mastodon-error');
  var current = document.getElementById('mastodon-current');
  var change = document.getElementById('mastodon-change');
  var pending = null;
  var server = readServer();

  function applyServer() {
    for (var i = 0; i < mastodonLinks.length; i++) {
      var template = mastodonLinks[i].getAttribute('data-share-template');
      mastodonLinks[i].href = server ? template.replace('{server}', server) : '#mastodon-dialog';
    }
    current.textContent = server ? 'Mastodon server: ' + server : 'No Mastodon server set';
  }

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

  for (var m = 0; m < mastodonLinks.length; m++) {
    mastodonLinks[m].addEventListener('click', function (event) {
      if (server) return;
      event.preventDefault();
      askForServer(event.currentTarget);
    });
  }
  change.hidden = false;
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
    try { localStorage.setItem(STORAGE_KEY, host); } catch (ignored) { /* private mode: remember for this visit only */ }
    applyServer();
    closeDialog();
    announce('Mastodon server set to ' + host);
    var link = pending;
    pending = null;
    if (link) {
      link.focus();
      window.open(link.href, '_blank', 'noopener');
    } else {
      change.focus();
    }
  });

  document.getElementById('mastodon-cancel').addEventListener('click', function () {
    closeDialog();
  });
  dialog.addEventListener('close', function () {
    if (pending) pending.focus();
    pending = null;
  });

  applyServer();
})();
`;
