<?php
// What WordPress's Plugin Check would refuse, checked with PHP's own tokenizer before the site
// starts (test/wordpress/run.mjs): php -l is run separately. Prints one problem per line and exits
// 1 when there is any.
//   php test/wordpress/php/plugin-check.php wordpress/firm-widgets
$plugin   = rtrim( $argv[1], '/' );
$slug     = basename( $plugin );
$problems = array();
$problem  = function ( $file, $line, $text ) use ( &$problems, $plugin ) {
	$problems[] = substr( $file, strlen( $plugin ) + 1 ) . ( $line ? ":$line" : '' ) . ": $text";
};

$files = new RecursiveIteratorIterator( new RecursiveDirectoryIterator( $plugin, FilesystemIterator::SKIP_DOTS ) );
$php   = array();
foreach ( $files as $f ) {
	if ( 'php' === $f->getExtension() ) {
		$php[] = $f->getPathname();
	}
}
sort( $php );

// Escaping functions an echoed value may come from (WordPress's own, and the plugin's one that
// escapes every special character, firm_widgets_as_text()).
$escapers = array( 'esc_html', 'esc_attr', 'esc_url', 'esc_textarea', 'esc_html__', 'esc_attr__', 'esc_html_x', 'esc_attr_x', 'wp_kses', 'wp_kses_post', 'absint', 'intval', 'checked', 'selected', 'disabled', 'firm_widgets_as_text', 'number_format_i18n', 'submit_button', 'settings_fields' );
$gettext  = array( '__' => 1, '_e' => 1, '_x' => 2, '_n' => 3, '_n_noop' => 2, '_nx' => 4, 'esc_html__' => 1, 'esc_html_e' => 1, 'esc_attr__' => 1, 'esc_attr_e' => 1, 'esc_html_x' => 2, 'esc_attr_x' => 2 );
$privacy  = false;

foreach ( $php as $file ) {
	$source = file_get_contents( $file );
	$tokens = array_values( array_filter( token_get_all( $source ), fn( $t ) => ! is_array( $t ) || ! in_array( $t[0], array( T_WHITESPACE ), true ) ) );
	$code   = array_values( array_filter( $tokens, fn( $t ) => ! is_array( $t ) || ! in_array( $t[0], array( T_COMMENT, T_DOC_COMMENT, T_OPEN_TAG ), true ) ) );
	$lines  = explode( "\n", $source );
	$rel    = substr( $file, strlen( $plugin ) + 1 );

	// Direct access: the first statement stops a request that did not come through WordPress.
	$generated = 0 === strpos( $rel, 'languages/' );
	$guard     = 'uninstall.php' === $rel ? 'WP_UNINSTALL_PLUGIN' : 'ABSPATH';
	$first     = implode( '', array_map( fn( $t ) => is_array( $t ) ? $t[1] : $t, array_slice( $code, 0, 8 ) ) );
	if ( ! $generated && 0 !== strpos( $first, "defined('$guard')||exit;" ) && 0 !== strpos( $first, "if(!defined('$guard'))" ) ) {
		$problem( $file, 0, "the first statement must be defined( '$guard' ) || exit;" );
	}

	$count = count( $code );
	for ( $i = 0; $i < $count; $i++ ) {
		$t = $code[ $i ];
		if ( ! is_array( $t ) ) {
			continue;
		}
		$name = strtolower( $t[1] );
		$next = $code[ $i + 1 ] ?? null;

		if ( T_STRING === $t[0] && 'wp_add_privacy_policy_content' === $name && '(' === $next ) {
			$privacy = true;
		}

		// The text domain of every translated string is the plugin's slug.
		if ( T_STRING === $t[0] && isset( $gettext[ $name ] ) && '(' === $next ) {
			$depth = 0;
			$args  = array( array() );
			for ( $j = $i + 2; $j < $count; $j++ ) {
				$u = $code[ $j ];
				if ( '(' === $u || '[' === $u ) { $depth++; }
				if ( ')' === $u || ']' === $u ) {
					if ( 0 === $depth ) { break; }
					$depth--;
				}
				if ( ',' === $u && 0 === $depth ) { $args[] = array(); continue; }
				$args[ count( $args ) - 1 ][] = $u;
			}
			$domain = $args[ $gettext[ $name ] ] ?? array();
			if ( 1 !== count( $domain ) || ! is_array( $domain[0] ) || "'$slug'" !== $domain[0][1] ) {
				$problem( $file, $t[2], "$name(): the text domain must be '$slug'" );
			}
			if ( '_e' === $name ) {
				$problem( $file, $t[2], '_e() prints a translation unescaped: use esc_html_e()' );
			}
		}

		// Every registered setting is sanitized.
		if ( T_STRING === $t[0] && 'register_setting' === $name && '(' === $next ) {
			$depth = 0;
			$seen  = false;
			for ( $j = $i + 2; $j < $count; $j++ ) {
				$u = $code[ $j ];
				if ( '(' === $u ) { $depth++; }
				if ( ')' === $u ) {
					if ( 0 === $depth ) { break; }
					$depth--;
				}
				if ( is_array( $u ) && "'sanitize_callback'" === $u[1] ) { $seen = true; }
			}
			if ( ! $seen ) {
				$problem( $file, $t[2], 'register_setting() without a sanitize_callback' );
			}
		}

		// Every value echoed is escaped where it is printed, or the line says why it need not be.
		if ( in_array( $t[0], array( T_ECHO, T_PRINT ), true ) || ( T_STRING === $t[0] && in_array( $name, array( 'printf', 'vprintf' ), true ) && '(' === $next ) ) {
			$line = $t[2];
			$end  = $i;
			while ( $end < $count && ';' !== $code[ $end ] ) { $end++; }
			$last = is_array( $code[ $end - 1 ] ) ? $code[ $end - 1 ][2] : $line;
			for ( $k = $i; $k < $count && $k <= $end + 1; $k++ ) {
				if ( is_array( $code[ $k ] ) && isset( $code[ $k ][2] ) ) { $last = max( $last, $code[ $k ][2] ); }
			}
			$said = false;
			for ( $l = $line; $l <= $last + 1 && $l <= count( $lines ); $l++ ) {
				if ( preg_match( '/phpcs:ignore WordPress\.Security\.EscapeOutput\S* -- \S/', $lines[ $l - 1 ] ) ) { $said = true; }
			}
			if ( $said ) {
				continue;
			}
			// The pieces joined by "." or "," at the top level, printf's format string included.
			$pieces = array( array() );
			$depth  = 0;
			$start  = 'printf' === $name || 'vprintf' === $name ? $i + 2 : $i + 1;
			for ( $k = $start; $k < $end; $k++ ) {
				$u = $code[ $k ];
				if ( '(' === $u || '[' === $u ) { $depth++; }
				if ( ')' === $u || ']' === $u ) { $depth--; }
				if ( 0 === $depth && ( '.' === $u || ',' === $u ) ) { $pieces[] = array(); continue; }
				if ( $depth < 0 ) { break; }
				$pieces[ count( $pieces ) - 1 ][] = $u;
			}
			foreach ( $pieces as $piece ) {
				$head = $piece[0] ?? null;
				if ( ! $head ) { continue; }
				$safe = ( is_array( $head ) && in_array( $head[0], array( T_CONSTANT_ENCAPSED_STRING, T_LNUMBER, T_DNUMBER ), true ) && 1 === count( $piece ) )
					|| ( is_array( $head ) && T_STRING === $head[0] && in_array( strtolower( $head[1] ), $escapers, true ) && '(' === ( $piece[1] ?? null ) )
					|| ( is_array( $head ) && T_INT_CAST === $head[0] );
				if ( ! $safe ) {
					$text = implode( '', array_map( fn( $u ) => is_array( $u ) ? $u[1] : $u, array_slice( $piece, 0, 6 ) ) );
					$problem( $file, $line, "echoed without escaping: $text" );
				}
			}
		}
	}
}
if ( ! $privacy ) {
	$problem( $plugin . '/x', 0, 'no suggested privacy policy text (wp_add_privacy_policy_content)' );
}

// The plugin header and the blocks name the slug as their text domain.
$main = file_get_contents( "$plugin/$slug.php" );
if ( ! preg_match( '/^\s*\*\s*Text Domain:\s*' . preg_quote( $slug, '/' ) . '\s*$/m', $main ) ) {
	$problem( "$plugin/$slug.php", 0, "the plugin header's Text Domain must be $slug" );
}
foreach ( glob( "$plugin/blocks/*/block.json" ) as $json ) {
	$block = json_decode( file_get_contents( $json ), true );
	if ( ( $block['textdomain'] ?? '' ) !== $slug ) {
		$problem( $json, 0, "textdomain must be $slug" );
	}
	if ( 3 !== ( $block['apiVersion'] ?? 0 ) ) {
		$problem( $json, 0, 'apiVersion must be 3' );
	}
	if ( ! is_file( dirname( $json ) . '/render.php' ) || 'file:./render.php' !== ( $block['render'] ?? '' ) ) {
		$problem( $json, 0, 'a dynamic block renders with its render.php' );
	}
}

echo implode( "\n", $problems ) . ( $problems ? "\n" : '' );
exit( $problems ? 1 : 0 );
