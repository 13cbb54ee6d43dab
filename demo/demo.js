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
