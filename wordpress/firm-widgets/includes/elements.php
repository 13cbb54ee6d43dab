<?php
/**
 * One renderer per element, shared by the shortcodes and the blocks: it prints the element's markup
 * from each element's own attributes (an allowlist, each value checked by kind), with the addresses a
 * visitor's words go to fixed to the site's own unless the post's author may post any HTML. And
 * the script: one ES module, enqueued only on pages that show an element.
 *
 * @package FirmWidgets
 */

defined( 'ABSPATH' ) || exit;

add_action( 'init', 'firm_widgets_register_elements' );
add_filter( 'script_loader_tag', 'firm_widgets_module_tag', 10, 2 );
add_filter( 'the_content', 'firm_widgets_enqueue_for_markup', 100 );
add_action( 'save_post', 'firm_widgets_note_editor', 10, 2 );

/** Shortcode → element. */
function firm_widgets_elements() {
	return array(
		'firm_contact_card'   => 'firm-contact-card',
		'firm_office_hours'   => 'firm-office-hours',
		'firm_language_badge' => 'firm-language-badge',
		'firm_comments'       => 'firm-comments',
		'firm_contact_form'   => 'firm-contact-form',
		'firm_author_bio'     => 'firm-author-bio',
		'firm_call_button'    => 'firm-call-button',
	);
}

/**
 * Each element's own attributes and what a value must be, as the kit reads them. A kind is one of
 * `text`, `url`, `email`, `count` (a whole number, 0 or more), `flag` (a boolean attribute),
 * `hours` (checked as the settings page checks them), `timezone` (IANA), `language` (one BCP 47
 * code), `languages` (several), `country` (a calling code), `word` (lower-case letters and
 * dashes), or a list of the values the element accepts.
 *
 * @return array Element → attribute → kind.
 */
function firm_widgets_element_attributes() {
	// What the contact card and the call button share (ContactElement in the kit).
	$contact = array(
		'phone'        => 'text',
		'country-code' => 'country',
		'hours'        => 'hours',
	);
	return array(
		'firm-contact-card'   => $contact + array(
			'name'     => 'text',
			'fax'      => 'text',
			'email'    => 'email',
			'address'  => 'text',
			'heading'  => 'text',
			'cta-text' => 'text',
			'cta-href' => 'url',
			'map-href' => 'url',
		),
		'firm-office-hours'   => array(
			'hours'        => 'hours',
			'timezone'     => 'timezone',
			'exceptions'   => 'text',
			'layout'       => array( 'week', 'today', 'status' ),
			'hour-cycle'   => array( 'h12', 'h23' ),
			'closing-soon' => 'count',
			'now'          => 'text',
		),
		'firm-language-badge' => array(
			'language'  => 'language',
			'languages' => 'languages',
			'href'      => 'url',
			'variant'   => array( 'pill', 'banner' ),
		),
		'firm-comments'       => array(
			'source'      => array( 'local', 'rest', 'wordpress' ),
			'endpoint'    => 'url',
			'post-id'     => 'count',
			'order'       => array( 'oldest', 'newest' ),
			'page-size'   => 'count',
			'max-depth'   => 'count',
			'eager'       => 'flag',
			'no-website'  => 'flag',
			'avatars'     => 'flag',
			'keep-drafts' => 'word',
		),
		'firm-contact-form'   => array(
			'source'       => array( 'rest', 'wordpress', 'mailto' ),
			'endpoint'     => 'url',
			'encoding'     => array( 'json', 'form' ),
			'to'           => 'email',
			'topics'       => 'text',
			'disclaimer'   => 'text',
			'success-text' => 'text',
			'keep-drafts'  => 'word',
		),
		'firm-author-bio'     => array(
			'heading'   => 'text',
			'name'      => 'text',
			'job-title' => 'text',
			// Older shortcodes and blocks say `title`; it is printed as `job-title` (below).
			'title'     => 'text',
			'photo'     => 'url',
			'href'      => 'url',
			'lines'     => 'count',
		),
		'firm-call-button'    => $contact + array(
			'position'     => array( 'bottom-right', 'bottom-left', 'bottom-center', 'bar', 'inline' ),
			'show-on'      => array( 'mobile', 'always' ),
			'label'        => 'text',
			'hours-aware'  => 'flag',
			'message-href' => 'url',
		),
	);
}

/** Attributes every element takes, as any HTML element does. */
function firm_widgets_global_attributes() {
	return array(
		'lang'  => 'language',
		'class' => 'classes',
		'id'    => 'identifier',
	);
}

/**
 * Attributes that decide where a visitor's words go (`source`, `endpoint`, the `mailto` address)
 * or how they are sent and kept (`encoding`, `keep-drafts`). Only an author who may post any HTML
 * sets them; for everyone else they are the site's own, as kses would never let such an author
 * write a `<form action>` pointing elsewhere.
 */
function firm_widgets_trusted_attributes() {
	return array( 'source', 'endpoint', 'to', 'encoding', 'keep-drafts' );
}

/** Schemes a link attribute may use: the ones WordPress allows in posts that matter here. */
function firm_widgets_link_protocols() {
	return array( 'http', 'https', 'mailto', 'tel', 'sms' );
}

/**
 * Whether a post's attributes may send visitors' words elsewhere: everyone who wrote it must hold
 * `unfiltered_html`, as WordPress's own kses judges whoever saves. So its author, and whoever saved
 * it last (noted by firm_widgets_note_editor(); for posts saved before the plugin came, the
 * classic editor's `_edit_last` and the author of the latest revision). This closes the path where
 * someone without the capability (an Editor on a multisite network) edits an Administrator's post.
 *
 * @param int $post_id The post the element is shown in; 0 when there is none.
 * @return bool
 */
function firm_widgets_post_is_trusted( $post_id ) {
	static $known = array();
	$post = $post_id ? get_post( $post_id ) : null;
	if ( ! $post || ! $post->post_author ) {
		return false;
	}
	if ( isset( $known[ $post->ID ] ) ) {
		return $known[ $post->ID ];
	}
	$people = array(
		(int) $post->post_author,
		(int) get_post_meta( $post->ID, '_firm_widgets_untrusted_editor', true ),
		(int) get_post_meta( $post->ID, '_edit_last', true ),
	);
	foreach ( wp_get_post_revisions( $post->ID, array( 'numberposts' => 1 ) ) as $revision ) {
		$people[] = (int) $revision->post_author;
	}
	$trusted = true;
	foreach ( array_filter( $people ) as $user_id ) {
		$trusted = $trusted && user_can( $user_id, 'unfiltered_html' );
	}
	$known[ $post->ID ] = $trusted;
	return $trusted;
}

/**
 * Notes who saved a post when they lack `unfiltered_html` (and forgets it when someone who has it
 * saves), since the REST API the block editor uses leaves `_edit_last` alone and revisions can be
 * switched off.
 */
function firm_widgets_note_editor( $post_id, $post ) {
	$user = get_current_user_id();
	if ( ! $user || wp_is_post_revision( $post_id ) || wp_is_post_autosave( $post_id ) ) {
		return;
	}
	if ( user_can( $user, 'unfiltered_html' ) ) {
		delete_post_meta( $post_id, '_firm_widgets_untrusted_editor' );
	} elseif ( firm_widgets_mentions_elements( $post->post_content ) ) {
		update_post_meta( $post_id, '_firm_widgets_untrusted_editor', $user );
	}
}

/**
 * A value checked against its kind: the value to print (a string, or true for a boolean
 * attribute), or null when it does not read and the element should keep its default. The
 * settings page checks its values with it too, so an attribute and a setting read alike.
 *
 * @param string|array $kind  See firm_widgets_element_attributes().
 * @param mixed        $value As written in the shortcode or saved in the block.
 * @return string|true|null
 */
function firm_widgets_attribute_value( $kind, $value ) {
	if ( 'flag' === $kind ) {
		if ( is_bool( $value ) ) {
			return $value ? true : null;
		}
		$off = array( 'false', '0', 'no', 'off' );
		return is_scalar( $value ) && ! in_array( strtolower( trim( (string) $value ) ), $off, true ) ? true : null;
	}
	if ( ! is_scalar( $value ) || is_bool( $value ) ) {
		return null;
	}
	$text = trim( str_replace( "\0", '', wp_check_invalid_utf8( (string) $value ) ) );
	if ( '' === $text ) {
		return null;
	}
	if ( is_array( $kind ) ) {
		return in_array( $text, $kind, true ) ? $text : null;
	}
	switch ( $kind ) {
		case 'text':
			return $text;
		case 'url':
			$url = esc_url_raw( $text, firm_widgets_link_protocols() );
			return '' === $url ? null : $url;
		case 'email':
			return is_email( $text ) ? sanitize_email( $text ) : null;
		case 'count':
			return ctype_digit( $text ) && strlen( $text ) < 10 ? (string) (int) $text : null;
		case 'hours':
			return null === firm_widgets_check_hours( $text ) ? $text : null;
		case 'timezone':
			return in_array( $text, timezone_identifiers_list( DateTimeZone::ALL_WITH_BC ), true ) ? $text : null;
		case 'language':
			return firm_widgets_is_language_code( $text ) ? $text : null;
		case 'languages':
			$codes = firm_widgets_language_codes( $text );
			return count( $codes ) === count( array_filter( $codes, 'firm_widgets_is_language_code' ) ) ? implode( ' ', $codes ) : null;
		case 'country':
			return preg_match( '/^\+?[0-9]{1,4}$/', $text ) ? $text : null;
		case 'word':
			return preg_match( '/^[a-z][a-z0-9-]*$/', $text ) ? $text : null;
		case 'classes':
			$classes = array_filter( array_map( 'sanitize_html_class', preg_split( '/\s+/', $text ) ) );
			return $classes ? implode( ' ', $classes ) : null;
		case 'identifier':
			return preg_match( '/^[A-Za-z][A-Za-z0-9_:.-]*$/', $text ) ? $text : null;
	}
	return null;
}

/** A BCP 47 language tag such as `es`, `zh-Hant` or `es-419`: for attributes and the settings page alike. */
function firm_widgets_is_language_code( $code ) {
	return (bool) preg_match( '/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i', (string) $code );
}

/**
 * The element's markup from attributes as an author wrote them: the one renderer the shortcodes
 * and the blocks share. Only the element's own attributes (and `lang`, `class`, `id`) are kept,
 * each value checked; one that does not read is left out so the element keeps its default.
 *
 * @param string $tag        Element name, such as `firm-contact-form`.
 * @param array  $attributes Name (`hour-cycle` or `hour_cycle`) → value; true for a boolean
 *                           attribute. Unknown names are dropped.
 * @param array  $context {
 *     @type int         $post    The post the element is shown in (default: the current post). Its
 *                                author decides whether addresses may be set (see
 *                                firm_widgets_post_is_trusted()) and whose bio is shown.
 *     @type string|null $content Light-DOM fallback, already safe HTML; null for the settings' own.
 * }
 * @return string
 */
function firm_widgets_render_element( $tag, $attributes, $context = array() ) {
	$allowed = firm_widgets_element_attributes();
	if ( ! isset( $allowed[ $tag ] ) ) {
		return '';
	}
	$post_id = isset( $context['post'] ) ? (int) $context['post'] : (int) get_the_ID();
	$kinds   = $allowed[ $tag ] + firm_widgets_global_attributes();
	$given   = array();
	foreach ( (array) $attributes as $name => $value ) {
		$name = firm_widgets_attribute_name( $name );
		if ( ! isset( $kinds[ $name ] ) ) {
			continue;
		}
		// Asked only when an address is given: most elements never need the revision lookup. In a
		// synced pattern, its own author is judged; in a Query Loop, the listed post and the post
		// holding the loop (firm_widgets_addresses_allowed()).
		if ( in_array( $name, firm_widgets_trusted_attributes(), true ) && ! firm_widgets_addresses_allowed( $post_id ) ) {
			continue;
		}
		$checked = firm_widgets_attribute_value( $kinds[ $name ], $value );
		if ( null !== $checked ) {
			$given[ $name ] = $checked;
		}
	}
	// A `title` attribute on the bio would be the global one, a tooltip over the whole bio: the
	// element reads the job title from `job-title`.
	if ( 'firm-author-bio' === $tag && isset( $given['title'] ) ) {
		if ( ! isset( $given['job-title'] ) ) {
			$given['job-title'] = $given['title'];
		}
		unset( $given['title'] );
	}
	$content = isset( $context['content'] ) ? $context['content'] : null;
	$inner   = null === $content || '' === trim( $content ) ? firm_widgets_fallback( $tag, $post_id ) : $content;
	wp_enqueue_script( 'firm-widgets' );
	return firm_widgets_element_html( $tag, array_merge( firm_widgets_element_defaults( $tag, $post_id ), $given ), $inner );
}

function firm_widgets_register_elements() {
	wp_register_script( 'firm-widgets', plugins_url( 'assets/firm-widgets.js', FIRM_WIDGETS_FILE ), array(), FIRM_WIDGETS_VERSION, true );
	foreach ( array_keys( firm_widgets_elements() ) as $shortcode ) {
		add_shortcode( $shortcode, 'firm_widgets_shortcode' );
	}
}

/** The kit is an ES module (WordPress 6.1 has no module API of its own). */
function firm_widgets_module_tag( $tag, $handle ) {
	if ( 'firm-widgets' !== $handle ) {
		return $tag;
	}
	$tag = preg_replace( '/\stype=([\'"])text\/javascript\1/', '', $tag );
	return preg_replace( '/<script(?=[\s>])/', '<script type="module"', $tag, 1 );
}

/** Elements written as HTML (a Custom HTML block) need the script too. */
function firm_widgets_enqueue_for_markup( $content ) {
	if ( false !== strpos( (string) $content, '<firm-' ) ) {
		wp_enqueue_script( 'firm-widgets' );
	}
	return $content;
}

/** Attributes that hold a link, printed through esc_url(). */
function firm_widgets_url_attributes() {
	$names = array();
	foreach ( firm_widgets_element_attributes() as $attributes ) {
		$names = array_merge( $names, array_keys( $attributes, 'url', true ) );
	}
	// A list (0, 1, 2…): the editor reads it as a JSON array.
	return array_values( array_unique( $names ) );
}

/**
 * The element's opening and closing tags with escaped attributes around `$inner`. The attributes
 * come checked from firm_widgets_render_element() or from the plugin itself; event handler
 * attributes and `style` are refused here as well, whoever calls.
 *
 * @param string $tag        Element name.
 * @param array  $attributes Name → value; true for a boolean attribute.
 * @param string $inner      Light-DOM content, already safe HTML.
 * @return string
 */
function firm_widgets_element_html( $tag, $attributes, $inner = '' ) {
	$html = '<' . $tag;
	foreach ( $attributes as $name => $value ) {
		$name = str_replace( '_', '-', strtolower( (string) $name ) );
		if ( ! preg_match( '/^[a-z][a-z0-9-]*$/', $name ) || 0 === strpos( $name, 'on' ) || 'style' === $name || null === $value || false === $value ) {
			continue;
		}
		if ( true === $value ) {
			$html .= ' ' . $name;
			continue;
		}
		$value = in_array( $name, firm_widgets_url_attributes(), true ) ? esc_url( (string) $value, firm_widgets_link_protocols() ) : esc_attr( (string) $value );
		$html .= ' ' . $name . '="' . $value . '"';
	}
	return $html . '>' . $inner . '</' . $tag . '>';
}

/**
 * `[firm_office_hours layout="today"]` → `<firm-office-hours layout="today">`. Content between an
 * opening and a closing shortcode is the element's fallback; without it, the settings give one.
 */
function firm_widgets_shortcode( $atts, $content, $shortcode ) {
	$elements = firm_widgets_elements();
	$given    = array();
	foreach ( (array) $atts as $name => $value ) {
		// [firm_comments eager] arrives as [0 => 'eager']: a boolean attribute.
		if ( is_int( $name ) ) {
			$given[ (string) $value ] = true;
		} else {
			$given[ $name ] = $value;
		}
	}
	$inner = null === $content || '' === trim( $content ) ? null : wp_kses_post( do_shortcode( $content ) );
	return firm_widgets_render_element( $elements[ $shortcode ], $given, array( 'content' => $inner ) );
}

/** What an element needs from WordPress rather than from the page's JSON-LD. */
function firm_widgets_element_defaults( $tag, $post_id ) {
	$o = firm_widgets_options();
	switch ( $tag ) {
		case 'firm-comments':
			return array(
				'source'   => 'wordpress',
				'endpoint' => home_url( '/' ),
				'post-id'  => $post_id ? $post_id : null,
			);
		case 'firm-contact-form':
			return array(
				'source'   => 'wordpress',
				'endpoint' => home_url( '/' ),
			);
		case 'firm-contact-card':
			return array( 'cta-href' => $o['consultation'] ? $o['consultation'] : null );
		case 'firm-author-bio':
			$author = (int) get_post_field( 'post_author', $post_id );
			if ( ! $author ) {
				return array();
			}
			return array(
				'name'  => get_the_author_meta( 'display_name', $author ),
				'photo' => get_option( 'show_avatars' ) ? get_avatar_url( $author, array( 'size' => 192 ) ) : null,
				'href'  => get_author_posts_url( $author ),
			);
	}
	return array();
}

/**
 * Plain HTML shown before the script runs, and if it never does. Phrasing content only: the
 * editor's automatic paragraphs often put the element inside a <p>, which a <p> or <div> of ours
 * would break open.
 */
function firm_widgets_fallback( $tag, $post_id = 0 ) {
	$o = firm_widgets_options();
	switch ( $tag ) {
		case 'firm-contact-card':
			if ( ! $o['phone'] ) {
				return '';
			}
			$digits = preg_replace( '/[^0-9+]/', '', $o['phone'] );
			return '<span><a href="' . esc_url( 'tel:' . $digits ) . '">' . esc_html( $o['phone'] ) . '</a></span>';
		case 'firm-office-hours':
			return $o['hours'] ? '<span>' . esc_html( $o['hours'] ) . '</span>' : '';
		case 'firm-author-bio':
			$author = (int) get_post_field( 'post_author', $post_id );
			$bio    = $author ? get_the_author_meta( 'description', $author ) : '';
			return $bio ? '<span>' . nl2br( esc_html( $bio ) ) . '</span>' : '';
		case 'firm-contact-form':
			return $o['email'] ? '<span><a href="' . esc_url( 'mailto:' . $o['email'] ) . '">' . esc_html( $o['email'] ) . '</a></span>' : '';
	}
	return '';
}
