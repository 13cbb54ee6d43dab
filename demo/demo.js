// The demo page's own script: a language switch that flips <html lang>. The elements follow the
// page's language by themselves; the page's own text is written in both languages. The kit is
// loaded by its own script tag, as on any site.

const button = document.getElementById('lang-switch');
const saved = new URLSearchParams(location.search).get('lang') ?? localStorage.getItem('demo-lang');

function show(lang) {
  document.documentElement.lang = lang;
  button.textContent = lang === 'es' ? 'English' : 'Español';
  button.lang = lang === 'es' ? 'en' : 'es';
  button.setAttribute('aria-label', lang === 'es' ? 'Read this page in English' : 'Leer esta página en español');
  localStorage.setItem('demo-lang', lang);
}

show(saved === 'es' ? 'es' : 'en');
button.addEventListener('click', () => show(document.documentElement.lang === 'es' ? 'en' : 'es'));

// "N Comments" in the post's byline, from the thread itself.
document.addEventListener('firm-comments-loaded', (e) => {
  const n = e.detail.total;
  for (const link of document.querySelectorAll('.comment-count')) {
    const es = link.closest('[lang]')?.lang === 'es';
    link.textContent = new Intl.PluralRules(es ? 'es' : 'en').select(n) === 'one' ? (es ? '1 comentario' : '1 Comment') : es ? `${n} comentarios` : `${n} Comments`;
  }
});
