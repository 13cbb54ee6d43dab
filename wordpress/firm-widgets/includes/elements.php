<?php
/**
 * Shortcodes for the seven elements, and the script: one ES module, enqueued only on pages that
 * show an element.
 *
 * @package FirmWidgets
 */

defined( 'ABSPATH' ) || exit;

add_action( 'init', 'firm_widgets_register_elements' );
add_filter( 'script_loader_tag', 'firm_widgets_module_tag', 10, 2 );
add_filter( 'the_content', 'firm_widgets_enqueue_for_markup', 100 );

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

/** Attributes that hold a link: only http(s), mailto and tel survive, like everywhere in WordPress. */
function firm_widgets_url_attributes() {
	return array( 'href', 'cta-href', 'message-href', 'map-href', 'photo', 'endpoint' );
}

/**
 * The element's opening and closing tags with escaped attributes around `$inner`. Event handler
 * attributes and `style` are dropped: post authors without `unfiltered_html` use shortcodes too.
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
		$value = in_array( $name, firm_widgets_url_attributes(), true ) ? esc_url( (string) $value ) : esc_attr( (string) $value );
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
	$tag      = $elements[ $shortcode ];
	$given    = array();
	foreach ( (array) $atts as $name => $value ) {
		// [firm_comments eager] arrives as [0 => 'eager']: a boolean attribute.
		if ( is_int( $name ) ) {
			$given[ (string) $value ] = true;
		} else {
			$given[ $name ] = $value;
		}
	}
	$defaults = firm_widgets_element_defaults( $tag );
	$inner    = null === $content || '' === trim( $content ) ? firm_widgets_fallback( $tag ) : wp_kses_post( do_shortcode( $content ) );
	wp_enqueue_script( 'firm-widgets' );
	return firm_widgets_element_html( $tag, array_merge( $defaults, $given ), $inner );
}

/** What an element needs from WordPress rather than from the page's JSON-LD. */
function firm_widgets_element_defaults( $tag ) {
	$o = firm_widgets_options();
	switch ( $tag ) {
		case 'firm-comments':
			return array(
				'source'   => 'wordpress',
				'endpoint' => home_url( '/' ),
				'post-id'  => get_the_ID() ? get_the_ID() : null,
			);
		case 'firm-contact-form':
			return array(
				'source'   => 'wordpress',
				'endpoint' => home_url( '/' ),
			);
		case 'firm-contact-card':
			return array( 'cta-href' => $o['consultation'] ? $o['consultation'] : null );
		case 'firm-author-bio':
			$author = (int) get_post_field( 'post_author', get_the_ID() );
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
function firm_widgets_fallback( $tag ) {
	$o = firm_widgets_options();
	switch ( $tag ) {
		case 'firm-contact-card':
		case 'firm-call-button':
			if ( ! $o['phone'] ) {
				return '';
			}
			$digits = preg_replace( '/[^0-9+]/', '', $o['phone'] );
			$link   = '<a href="' . esc_url( 'tel:' . $digits ) . '">' . esc_html( $o['phone'] ) . '</a>';
			return 'firm-call-button' === $tag ? '' : '<span>' . $link . '</span>';
		case 'firm-office-hours':
			return $o['hours'] ? '<span>' . esc_html( $o['hours'] ) . '</span>' : '';
		case 'firm-author-bio':
			$author = (int) get_post_field( 'post_author', get_the_ID() );
			$bio    = $author ? get_the_author_meta( 'description', $author ) : '';
			return $bio ? '<span>' . nl2br( esc_html( $bio ) ) . '</span>' : '';
		case 'firm-contact-form':
			return $o['email'] ? '<span><a href="' . esc_url( 'mailto:' . $o['email'] ) . '">' . esc_html( $o['email'] ) . '</a></span>' : '';
	}
	return '';
}
