// The snippet builder: the firm's details and a choice of elements in, a live preview and the
// snippet (script tag, JSON-LD, elements) and WordPress shortcodes out. Runs entirely in the page.
const SCRIPT = 'https://unpkg.com/firm-widgets/dist/firm-widgets.js';
const KIT = new URL('../dist/firm-widgets.js', import.meta.url).href;

const ELEMENTS = [
  { tag: 'firm-contact-card', label: 'Contact card', on: true, html: '<firm-contact-card cta-text="Free initial consultation" cta-href="/contact"></firm-contact-card>', code: '[firm_contact_card cta_text="Free initial consultation" cta_href="/contact"]' },
  { tag: 'firm-office-hours', label: 'Office hours', on: true, html: '<firm-office-hours></firm-office-hours>', code: '[firm_office_hours]' },
  { tag: 'firm-language-badge', label: 'Language badge', on: true, html: '<firm-language-badge></firm-language-badge>', code: '[firm_language_badge]' },
  { tag: 'firm-call-button', label: 'Floating call button', on: false, html: '<firm-call-button hours-aware message-href="/contact"></firm-call-button>', code: '[firm_call_button hours_aware="1" message_href="/contact"]' },
  { tag: 'firm-author-bio', label: 'About the author', on: false, html: '<firm-author-bio name="Ana Reyes" job-title="Managing attorney">\n  <p>Ana Reyes has practised immigration law for twenty years.</p>\n</firm-author-bio>', code: '[firm_author_bio]' },
  { tag: 'firm-comments', label: 'Comments', on: false, html: '<firm-comments post-id="my-post"></firm-comments>', code: '[firm_comments]' },
  { tag: 'firm-contact-form', label: 'Contact form', on: false, html: '<firm-contact-form></firm-contact-form>', code: '[firm_contact_form]' },
];

const form = document.getElementById('details');
const list = document.getElementById('elements');
const preview = document.getElementById('preview');
const snippet = document.getElementById('snippet');
const shortcodes = document.getElementById('shortcodes');

for (const el of ELEMENTS) {
  const label = document.createElement('label');
  label.className = 'inline';
  const box = Object.assign(document.createElement('input'), { type: 'checkbox', name: 'element', value: el.tag, checked: el.on });
  label.append(box, ` ${el.label} `);
  const code = document.createElement('code');
  code.textContent = `<${el.tag}>`;
  label.append(code);
  list.append(label);
}

const zones = Intl.supportedValuesOf?.('timeZone') ?? ['America/Los_Angeles', 'America/New_York'];
const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
const select = document.getElementById('tz');
for (const zone of zones.filter((z) => z.startsWith('America/') || z.startsWith('Pacific/') || z === 'UTC')) {
  select.append(new Option(zone.replace(/_/g, ' '), zone, false, zone === (zones.includes('America/Los_Angeles') ? 'America/Los_Angeles' : here)));
}

function profile(data) {
  const p = {
    '@context': 'https://schema.org',
    '@type': 'LegalService',
    name: data.get('name'),
    telephone: data.get('telephone'),
    faxNumber: data.get('faxNumber'),
    email: data.get('email'),
    address: {
      '@type': 'PostalAddress',
      streetAddress: data.get('streetAddress'),
      addressLocality: data.get('addressLocality'),
      addressRegion: data.get('addressRegion'),
      postalCode: data.get('postalCode'),
    },
    openingHours: data.get('openingHours'),
    timeZone: data.get('timeZone'),
    availableLanguage: String(data.get('availableLanguage')).split(',').map((s) => s.trim()).filter(Boolean),
  };
  for (const [k, v] of Object.entries(p)) if (v === '' || v == null) delete p[k];
  return p;
}

// `<` in JSON-LD could close the script element early; escape it as JSON allows.
const jsonLd = (p) => JSON.stringify(p, null, 2).replace(/</g, '\\u003c');

function update() {
  const data = new FormData(form);
  const chosen = ELEMENTS.filter((e) => data.getAll('element').includes(e.tag));
  const block = `<script type="application/ld+json">\n${jsonLd(profile(data))}\n</script>`;
  const body = chosen.map((e) => e.html).join('\n\n');
  snippet.value = `<script type="module" src="${SCRIPT}"></script>\n\n${block}\n\n${body}\n`;
  shortcodes.value = chosen.map((e) => e.code).join('\n');
  preview.srcdoc = `<!doctype html><html lang="${data.get('lang')}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;margin:1rem;display:grid;gap:1.25rem}</style>
<script type="module" src="${KIT}"></script>${block}</head><body>${body}</body></html>`;
}

let timer;
form.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(update, 300);
});
form.addEventListener('change', update);

for (const button of document.querySelectorAll('[data-copy]')) {
  button.addEventListener('click', async () => {
    const id = button.dataset.copy;
    const field = document.getElementById(id);
    const status = document.getElementById(`${id}-status`);
    try {
      await navigator.clipboard.writeText(field.value);
      status.textContent = 'Copied.';
    } catch {
      field.select();
      status.textContent = 'Selected: press Ctrl+C (⌘C on a Mac) to copy.';
    }
    setTimeout(() => (status.textContent = ''), 4000);
  });
}

update();
