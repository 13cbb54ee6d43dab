// The plugin's translations, without wp-cli (not on these machines):
//   node wordpress/i18n.mjs pot       writes languages/firm-widgets.pot from the PHP strings (read
//                                     with PHP's own tokenizer), the block editor's JavaScript
//                                     strings and each block.json's title, description and keywords;
//   node wordpress/i18n.mjs compile   turns each languages/firm-widgets-<locale>.po into the .mo
//                                     WordPress 6.1 reads, the .l10n.php that 6.5+ prefers, and the
//                                     JSON the block editor's script reads (wp_set_script_translations);
//   node wordpress/i18n.mjs check     fails when the .pot or a compiled file is stale, or a .po lacks
//                                     a string (test:wordpress runs it).
import { execFileSync } from 'node:child_process';
import process from 'node:process';
import { Buffer } from 'node:buffer';
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const PLUGIN = join(dirname(fileURLToPath(import.meta.url)), 'firm-widgets');
const LANGUAGES = join(PLUGIN, 'languages');
const DOMAIN = 'firm-widgets';
const POT = join(LANGUAGES, `${DOMAIN}.pot`);
/** The script handle the block editor's strings are registered for (wp_set_script_translations). */
const SCRIPT_HANDLE = 'firm-widgets-blocks';
const SCRIPTS = ['blocks/editor.js'];

function walk(dir, ext) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name), ext) : e.name.endsWith(ext) ? [join(dir, e.name)] : []))
    .sort();
}

// PHP reads PHP: each gettext call with its literal arguments, line and translator comment.
const EXTRACT_PHP = String.raw`<?php
$calls = array(
	'__' => array( 'msgid', 'domain' ), '_e' => array( 'msgid', 'domain' ),
	'esc_html__' => array( 'msgid', 'domain' ), 'esc_html_e' => array( 'msgid', 'domain' ),
	'esc_attr__' => array( 'msgid', 'domain' ), 'esc_attr_e' => array( 'msgid', 'domain' ),
	'_x' => array( 'msgid', 'context', 'domain' ), 'esc_html_x' => array( 'msgid', 'context', 'domain' ), 'esc_attr_x' => array( 'msgid', 'context', 'domain' ),
	'_n' => array( 'msgid', 'plural', null, 'domain' ), '_n_noop' => array( 'msgid', 'plural', 'domain' ),
	'_nx' => array( 'msgid', 'plural', null, 'context', 'domain' ),
);
$out = array();
foreach ( array_slice( $argv, 1 ) as $file ) {
	$tokens  = token_get_all( file_get_contents( $file ) );
	$comment = null;
	$count   = count( $tokens );
	for ( $i = 0; $i < $count; $i++ ) {
		$t = $tokens[ $i ];
		if ( is_array( $t ) && in_array( $t[0], array( T_COMMENT, T_DOC_COMMENT ), true ) && false !== stripos( $t[1], 'translators:' ) ) {
			$text    = trim( preg_replace( '#^/\*+|\*+/$|^//#', '', $t[1] ) );
			$comment = array( 'text' => trim( preg_replace( '/\s*\n\s*\*?\s*/', ' ', $text ) ), 'line' => $t[2] + substr_count( $t[1], "\n" ) );
			continue;
		}
		if ( ! is_array( $t ) || T_STRING !== $t[0] || ! isset( $calls[ $t[1] ] ) ) {
			continue;
		}
		$j = $i + 1;
		while ( $j < $count && is_array( $tokens[ $j ] ) && T_WHITESPACE === $tokens[ $j ][0] ) {
			$j++;
		}
		if ( '(' !== $tokens[ $j ] ) {
			continue;
		}
		$args  = array( array() );
		$depth = 0;
		for ( $j++; $j < $count; $j++ ) {
			$u = $tokens[ $j ];
			if ( '(' === $u || '[' === $u ) { $depth++; }
			if ( ')' === $u || ']' === $u ) {
				if ( 0 === $depth ) { break; }
				$depth--;
			}
			if ( ',' === $u && 0 === $depth ) { $args[] = array(); continue; }
			if ( is_array( $u ) && in_array( $u[0], array( T_WHITESPACE, T_COMMENT ), true ) ) { continue; }
			$args[ count( $args ) - 1 ][] = $u;
		}
		$entry = array( 'file' => $file, 'line' => $t[2] );
		foreach ( $calls[ $t[1] ] as $k => $role ) {
			if ( null === $role ) { continue; }
			$arg = isset( $args[ $k ] ) ? $args[ $k ] : array();
			if ( 1 !== count( $arg ) || ! is_array( $arg[0] ) || T_CONSTANT_ENCAPSED_STRING !== $arg[0][0] ) {
				$entry = null;
				break;
			}
			$entry[ $role ] = eval( 'return ' . $arg[0][1] . ';' );
		}
		if ( ! $entry ) {
			fwrite( STDERR, "$file:{$t[2]}: {$t[1]}() with an argument that is not a plain string\n" );
			continue;
		}
		if ( $comment && $t[2] - $comment['line'] <= 2 ) {
			$entry['comment'] = $comment['text'];
			$comment          = null;
		}
		$out[] = $entry;
	}
}
echo json_encode( $out );
`;

function phpStrings(files) {
  const json = execFileSync('php', ['--', ...files], { input: EXTRACT_PHP, encoding: 'utf8', stdio: ['pipe', 'pipe', 'inherit'] });
  return JSON.parse(json);
}

/** `__('…', 'firm-widgets')` in the editor script, with a translators comment just before. */
function jsStrings(file) {
  const source = readFileSync(file, 'utf8');
  const literal = String.raw`('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")`;
  const call = new RegExp(String.raw`(/\*\s*translators:([\s\S]*?)\*/\s*)?\b__\(\s*${literal}\s*,\s*'${DOMAIN}'\s*\)`, 'g');
  const decode = (text) => (text.startsWith('"') ? JSON.parse(text) : JSON.parse(`"${text.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"')}"`));
  return [...source.matchAll(call)].map((m) => ({
    file,
    line: source.slice(0, m.index + (m[1]?.length ?? 0)).split('\n').length,
    msgid: decode(m[3]),
    domain: DOMAIN,
    ...(m[2] ? { comment: `translators:${m[2]}`.replace(/\s+/g, ' ').trim() } : {}),
  }));
}

/** What WordPress translates in block.json, with the contexts it uses. */
function blockStrings(file) {
  const block = JSON.parse(readFileSync(file, 'utf8'));
  const line = (needle) => readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;
  return [
    { file, line: line('"title"'), msgid: block.title, context: 'block title', domain: DOMAIN },
    { file, line: line('"description"'), msgid: block.description, context: 'block description', domain: DOMAIN },
    ...(block.keywords ?? []).map((k) => ({ file, line: line(`"${k}"`), msgid: k, context: 'block keyword', domain: DOMAIN })),
  ];
}

const key = (e) => `${e.context ?? ''}\u0004${e.msgid}`;

/** Every translatable string of the plugin, merged by context and text, in order of appearance. */
export function extract() {
  const all = [
    ...phpStrings(walk(PLUGIN, '.php')),
    ...SCRIPTS.flatMap((s) => jsStrings(join(PLUGIN, s))),
    ...walk(join(PLUGIN, 'blocks'), 'block.json').flatMap(blockStrings),
  ].filter((e) => e.domain === DOMAIN);
  const merged = new Map();
  for (const e of all) {
    const ref = `${relative(PLUGIN, e.file)}:${e.line}`;
    const found = merged.get(key(e));
    if (found) {
      found.refs.push(ref);
      if (e.comment && !found.comments.includes(e.comment)) found.comments.push(e.comment);
      found.js ||= e.file.endsWith('.js');
    } else {
      merged.set(key(e), { ...e, refs: [ref], comments: e.comment ? [e.comment] : [], js: e.file.endsWith('.js') });
    }
  }
  return [...merged.values()];
}

const quote = (text) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;

function pot(entries) {
  const header = [
    '# Copyright (C) Firm Widgets contributors',
    '# This file is distributed under the MIT licence.',
    'msgid ""',
    'msgstr ""',
    quote('Project-Id-Version: Firm Widgets 0.1.0\n'),
    quote('MIME-Version: 1.0\n'),
    quote('Content-Type: text/plain; charset=UTF-8\n'),
    quote('Content-Transfer-Encoding: 8bit\n'),
    quote('X-Domain: firm-widgets\n'),
  ].join('\n');
  const body = entries.map((e) =>
    [
      ...e.comments.map((c) => `#. ${c}`),
      `#: ${e.refs.join(' ')}`,
      ...(e.msgid.includes('%') ? ['#, php-format'] : []),
      ...(e.context ? [`msgctxt ${quote(e.context)}`] : []),
      `msgid ${quote(e.msgid)}`,
      ...(e.plural ? [`msgid_plural ${quote(e.plural)}`, 'msgstr[0] ""', 'msgstr[1] ""'] : ['msgstr ""']),
    ].join('\n'),
  );
  return `${header}\n\n${body.join('\n\n')}\n`;
}

/** A .po file's entries: { context, msgid, plural, msgstr: [..] }, header included (msgid ''). */
export function readPo(text) {
  const entries = [];
  let entry = null;
  let field = null;
  const unquote = (s) => JSON.parse(s.replace(/\\t/g, '\\t'));
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) {
      if (entry && field) {
        entries.push(entry);
        entry = null;
        field = null;
      }
      continue;
    }
    const m = line.match(/^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$/);
    if (m) {
      if (m[1] === 'msgctxt' || (m[1] === 'msgid' && entry?.msgstr.length)) {
        if (entry) entries.push(entry);
        entry = null;
      }
      entry ??= { context: undefined, msgid: '', plural: undefined, msgstr: [] };
      field = m[1] === 'msgctxt' ? 'context' : m[1] === 'msgid' ? 'msgid' : m[1] === 'msgid_plural' ? 'plural' : ['msgstr', Number(m[2] ?? 0)];
      const value = unquote(m[3]);
      if (Array.isArray(field)) entry.msgstr[field[1]] = value;
      else entry[field] = value;
    } else if (line.startsWith('"') && entry && field) {
      const value = unquote(line);
      if (Array.isArray(field)) entry.msgstr[field[1]] += value;
      else entry[field] += value;
    }
  }
  if (entry) entries.push(entry);
  return entries;
}

/** GNU .mo: the header, then the originals and translations tables, sorted by original. */
function mo(entries) {
  const pairs = entries
    .filter((e) => e.msgstr.some((s) => s !== ''))
    .map((e) => [
      Buffer.from((e.context !== undefined ? `${e.context}\u0004` : '') + e.msgid + (e.plural !== undefined ? `\0${e.plural}` : ''), 'utf8'),
      Buffer.from(e.msgstr.join('\0'), 'utf8'),
    ])
    .sort((a, b) => Buffer.compare(a[0], b[0]));
  const n = pairs.length;
  const headerSize = 28;
  const tables = headerSize + n * 16;
  const head = Buffer.alloc(tables);
  head.writeUInt32LE(0x950412de, 0);
  head.writeUInt32LE(0, 4);
  head.writeUInt32LE(n, 8);
  head.writeUInt32LE(headerSize, 12);
  head.writeUInt32LE(headerSize + n * 8, 16);
  head.writeUInt32LE(0, 20);
  head.writeUInt32LE(tables, 24);
  const data = [];
  let offset = tables;
  for (const [column, index] of [
    [0, 0],
    [1, 1],
  ]) {
    pairs.forEach((pair, i) => {
      const text = pair[column];
      head.writeUInt32LE(text.length, headerSize + index * n * 8 + i * 8);
      head.writeUInt32LE(offset, headerSize + index * n * 8 + i * 8 + 4);
      data.push(text, Buffer.alloc(1));
      offset += text.length + 1;
    });
  }
  return Buffer.concat([head, ...data]);
}

/** The .l10n.php WordPress 6.5+ loads before the .mo: a PHP array, keys as in the .mo. */
function l10nPhp(entries, headers) {
  const php = (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const messages = entries
    .filter((e) => e.msgid !== '' && e.msgstr.some((s) => s !== ''))
    .map((e) => `${php((e.context !== undefined ? `${e.context}\u0004` : '') + e.msgid)}=>${php(e.msgstr.join('\0'))}`);
  return `<?php\nreturn ['domain'=>'firm-widgets','plural-forms'=>${php(headers['Plural-Forms'] ?? 'nplurals=2; plural=(n != 1);')},'language'=>${php(headers.Language ?? '')},'messages'=>[${messages.join(',')}]];\n`;
}

/** The Jed JSON the block editor's script reads, with only the script's strings. */
function jedJson(entries, headers, jsKeys) {
  const messages = { '': { domain: DOMAIN, lang: headers.Language ?? '', plural_forms: headers['Plural-Forms'] ?? 'nplurals=2; plural=(n != 1);' } };
  for (const e of entries) {
    if (e.msgid !== '' && jsKeys.has(key(e)) && e.msgstr.some((s) => s !== '')) messages[(e.context !== undefined ? `${e.context}\u0004` : '') + e.msgid] = e.msgstr;
  }
  return `${JSON.stringify({ 'translation-revision-date': '', generator: 'firm-widgets wordpress/i18n.mjs', domain: 'messages', locale_data: { messages } })}\n`;
}

function headersOf(entries) {
  const header = entries.find((e) => e.msgid === '' && e.context === undefined);
  return Object.fromEntries((header?.msgstr[0] ?? '').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
}

/** Each compiled file for each .po: path → contents. */
function compiled(strings) {
  const jsKeys = new Set(strings.filter((e) => e.js).map(key));
  const files = new Map();
  for (const po of readdirSync(LANGUAGES).filter((f) => f.endsWith('.po'))) {
    const base = join(LANGUAGES, po.slice(0, -3));
    const locale = po.slice(DOMAIN.length + 1, -3);
    const entries = readPo(readFileSync(join(LANGUAGES, po), 'utf8'));
    const headers = headersOf(entries);
    files.set(`${base}.mo`, mo(entries));
    files.set(`${base}.l10n.php`, l10nPhp(entries, headers));
    files.set(join(LANGUAGES, `${DOMAIN}-${locale}-${SCRIPT_HANDLE}.json`), jedJson(entries, headers, jsKeys));
  }
  return files;
}

const command = process.argv[1] === fileURLToPath(import.meta.url) ? process.argv[2] : 'imported';
if (command === 'imported') {
  // Used as a module (the tests read .po files with readPo()).
} else if (command === 'pot') {
  writeFileSync(POT, pot(extract()));
  console.log(`firm-widgets: ${relative(process.cwd(), POT)} (${extract().length} strings)`);
} else if (command === 'compile') {
  for (const [path, contents] of compiled(extract())) {
    writeFileSync(path, contents);
    console.log(`firm-widgets: ${relative(process.cwd(), path)}`);
  }
} else if (command === 'check') {
  const problems = [];
  const strings = extract();
  // Line numbers move with every edit; the strings and their comments are what must match.
  const withoutRefs = (text) => text.replace(/^#: .*\n/gm, '');
  if (!existsSync(POT) || withoutRefs(readFileSync(POT, 'utf8')) !== withoutRefs(pot(strings))) problems.push('languages/firm-widgets.pot is stale: run node wordpress/i18n.mjs pot');
  for (const [path, contents] of compiled(strings)) {
    if (!existsSync(path) || !Buffer.from(contents).equals(readFileSync(path))) problems.push(`${relative(PLUGIN, path)} is stale: run node wordpress/i18n.mjs compile`);
  }
  for (const po of readdirSync(LANGUAGES).filter((f) => f.endsWith('.po'))) {
    const translated = new Map(readPo(readFileSync(join(LANGUAGES, po), 'utf8')).map((e) => [key(e), e]));
    for (const e of strings) {
      const t = translated.get(key(e));
      if (!t || t.msgstr.every((s) => s === '')) problems.push(`${po}: no translation for ${JSON.stringify(e.msgid)}${e.context ? ` (${e.context})` : ''}`);
    }
  }
  if (problems.length) {
    console.error(problems.map((p) => `✖ ${p}`).join('\n'));
    process.exit(1);
  }
  console.log(`firm-widgets: translations up to date (${strings.length} strings)`);
} else {
  console.error('usage: node wordpress/i18n.mjs pot|compile|check');
  process.exit(1);
}
