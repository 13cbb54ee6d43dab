<?php
/**
 * The addresses a visitor's words go to (see firm_widgets_trusted_attributes()), guarded twice.
 *
 * On save: whoever lacks `unfiltered_html` saves no such attribute in any post of any type (posts,
 * pages, synced patterns, templates), in a shortcode or in a block, as WordPress's kses judges
 * whoever saves.
 *
 * On the page: firm_widgets_render_element() keeps them only when the content's authors hold
 * `unfiltered_html`. A synced pattern's content is its own author's, not the post's it is shown
 * in, so while a pattern renders, its post is the one judged (firm_widgets_content_post()).
 *
 * @package FirmWidgets
 */

defined( 'ABSPATH' ) || exit;

add_filter( 'wp_insert_post_data', 'firm_widgets_strip_addresses_on_save', 99 );
add_filter( 'register_block_type_args', 'firm_widgets_watch_patterns', 10, 2 );

/**
 * An attribute's name as the renderer reads it: `keep_drafts`, `keepDrafts` and `KEEP-DRAFTS` are
 * all `keep-drafts`.
 *
 * @param string $name As written in a shortcode or a block's attributes.
 * @return string
 */
function firm_widgets_attribute_name( $name ) {
	$name = preg_replace( '/(?<!^)[A-Z]/', '-$0', (string) $name );
	return str_replace( '_', '-', strtolower( $name ) );
}

/** Whether the attribute named `$name` (as written) decides where a visitor's words go. */
function firm_widgets_is_address_attribute( $name ) {
	return in_array( firm_widgets_attribute_name( $name ), firm_widgets_trusted_attributes(), true );
}

/**
 * Strips address attributes from a post's content when the person saving it lacks
 * `unfiltered_html`.
 *
 * @param array $data The post's fields, slashed, as wp_insert_post() is about to store them.
 * @return array
 */
function firm_widgets_strip_addresses_on_save( $data ) {
	if ( current_user_can( 'unfiltered_html' ) || empty( $data['post_content'] ) ) {
		return $data;
	}
	$content = wp_unslash( $data['post_content'] );
	$safe    = firm_widgets_strip_addresses( $content );
	if ( $safe !== $content ) {
		$data['post_content'] = wp_slash( $safe );
	}
	return $data;
}

/**
 * Content without the address attributes of the plugin's shortcodes and blocks; everything else
 * as it was.
 *
 * @param string $content A post's content.
 * @return string
 */
function firm_widgets_strip_addresses( $content ) {
	$content = firm_widgets_strip_shortcode_addresses( $content );
	if ( false === strpos( $content, 'wp:firm-widgets/' ) ) {
		return $content;
	}
	$changed = false;
	$blocks  = firm_widgets_strip_block_addresses( parse_blocks( $content ), $changed );
	// Serialized again only when something went, so other blocks' markup stays byte for byte.
	return $changed ? serialize_blocks( $blocks ) : $content;
}

/**
 * The plugin's blocks (and those nested in any block) without address attributes.
 *
 * @param array $blocks  As parse_blocks() gives them.
 * @param bool  $changed Set to true when an attribute was removed.
 * @return array
 */
function firm_widgets_strip_block_addresses( $blocks, &$changed ) {
	foreach ( $blocks as $i => $block ) {
		if ( is_string( $block['blockName'] ) && 0 === strpos( $block['blockName'], 'firm-widgets/' ) && is_array( $block['attrs'] ) ) {
			foreach ( array_keys( $block['attrs'] ) as $name ) {
				if ( firm_widgets_is_address_attribute( $name ) ) {
					unset( $blocks[ $i ]['attrs'][ $name ] );
					$changed = true;
				}
			}
		}
		if ( ! empty( $block['innerBlocks'] ) ) {
			$blocks[ $i ]['innerBlocks'] = firm_widgets_strip_block_addresses( $block['innerBlocks'], $changed );
		}
	}
	return $blocks;
}

/**
 * The plugin's shortcodes without address attributes, also inside another of its shortcodes. The
 * attributes are found with WordPress's own pattern (get_shortcode_atts_regex()), after the same
 * clean-up shortcode_parse_atts() does first, so what is left reads as WordPress will read it.
 * An escaped shortcode (`[[firm_contact_form]]`) is shown as text, but loses them too: a second
 * pass of do_shortcode() (some themes and plugins make one) would run that text.
 *
 * @param string $content Text that may hold shortcodes.
 * @return string
 */
function firm_widgets_strip_shortcode_addresses( $content ) {
	if ( false === strpos( $content, '[firm_' ) ) {
		return $content;
	}
	$pattern = '/' . get_shortcode_regex( array_keys( firm_widgets_elements() ) ) . '/';
	return preg_replace_callback(
		$pattern,
		function ( $m ) {
			// Only the attribute text changes; the content is cleaned the same way (shortcodes nest).
			$head = '[' . $m[1] . $m[2];
			$rest = (string) substr( $m[0], strlen( $head ) + strlen( $m[3] ) );
			if ( isset( $m[5] ) && '' !== $m[5] ) {
				// `]`, the content, then `[/tag]` and the escape bracket.
				$rest = ']' . firm_widgets_strip_shortcode_addresses( $m[5] ) . substr( $rest, 1 + strlen( $m[5] ) );
			}
			return $head . firm_widgets_strip_attribute_text( $m[3] ) . $rest;
		},
		$content
	);
}

/**
 * A shortcode's attribute text without the address attributes. Each attribute WordPress would
 * read is one match of get_shortcode_atts_regex(); removing whole matches leaves the others read
 * exactly as before.
 */
function firm_widgets_strip_attribute_text( $text ) {
	// What shortcode_parse_atts() turns into spaces before it reads the names.
	$text = preg_replace( "/[\x{00a0}\x{200b}]+/u", ' ', $text );
	return preg_replace_callback(
		get_shortcode_atts_regex(),
		function ( $m ) {
			foreach ( array( 1, 3, 5 ) as $group ) {
				if ( ! empty( $m[ $group ] ) ) {
					// Shortcode names are read in lower case (shortcode_parse_atts()): SOURCE is source.
					return firm_widgets_is_address_attribute( strtolower( $m[ $group ] ) ) ? '' : $m[0];
				}
			}
			return $m[0];
		},
		$text
	);
}

/**
 * The post whose author wrote the content being rendered: the synced pattern being rendered, if
 * any, else `$post_id`.
 *
 * @param int      $post_id The post the element is shown in.
 * @param int|null $push    A pattern starting to render (with $pop false) …
 * @param bool     $pop     … or true when the innermost one is done.
 * @return int
 */
function firm_widgets_content_post( $post_id = 0, $push = null, $pop = false ) {
	static $patterns = array();
	if ( null !== $push ) {
		$patterns[] = (int) $push;
	} elseif ( $pop ) {
		array_pop( $patterns );
	}
	return $patterns ? (int) end( $patterns ) : (int) $post_id;
}

/**
 * Wraps the synced pattern block's (core/block) renderer: while it renders, the pattern's author
 * decides whether the plugin's blocks in it keep their addresses; the plugin's shortcodes in it
 * (run later, with the post's content) lose theirs when that author may not set them.
 */
function firm_widgets_watch_patterns( $args, $name ) {
	if ( 'core/block' !== $name || empty( $args['render_callback'] ) || ! is_callable( $args['render_callback'] ) ) {
		return $args;
	}
	$render                  = $args['render_callback'];
	$args['render_callback'] = function ( ...$given ) use ( $render ) {
		$attributes = isset( $given[0] ) && is_array( $given[0] ) ? $given[0] : array();
		$ref        = isset( $attributes['ref'] ) ? (int) $attributes['ref'] : 0;
		if ( ! $ref ) {
			return call_user_func_array( $render, $given );
		}
		firm_widgets_content_post( 0, $ref );
		try {
			$html = call_user_func_array( $render, $given );
		} finally {
			firm_widgets_content_post( 0, null, true );
		}
		return is_string( $html ) && ! firm_widgets_post_is_trusted( $ref ) ? firm_widgets_strip_shortcode_addresses( $html ) : $html;
	};
	return $args;
}
