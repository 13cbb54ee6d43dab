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
// Around the blocks (priority 9) and shortcodes (11) of a post's content: see firm_widgets_shown_post().
add_filter( 'the_content', 'firm_widgets_start_content', 8 );
add_filter( 'the_content', 'firm_widgets_end_content', PHP_INT_MAX );
add_filter( 'pre_update_option_widget_block', 'firm_widgets_strip_widget_addresses', 10, 2 );

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
	if ( false === strpos( $content, '<!-- wp:' ) ) {
		return $content;
	}
	$changed = false;
	$blocks  = firm_widgets_strip_block_addresses( parse_blocks( $content ), $changed );
	// Serialized again only when something went, so other blocks' markup stays byte for byte.
	return $changed ? serialize_blocks( $blocks ) : $content;
}

/**
 * Blocks (nested ones too) without address attributes: the plugin's own lose them, and every
 * block's text attributes lose those of the plugin's shortcodes. Another block may print an
 * attribute as text (the Search block's label) that the_content's do_shortcode() then runs, and
 * in the saved JSON `[` may be written `\u005b`, so the shortcodes are looked for in the decoded
 * values, never in the raw text.
 *
 * @param array $blocks  As parse_blocks() gives them.
 * @param bool  $changed Set to true when an attribute was removed.
 * @return array
 */
function firm_widgets_strip_block_addresses( $blocks, &$changed ) {
	foreach ( $blocks as $i => $block ) {
		if ( is_array( $block['attrs'] ) ) {
			$ours = is_string( $block['blockName'] ) && 0 === strpos( $block['blockName'], 'firm-widgets/' );
			foreach ( array_keys( $block['attrs'] ) as $name ) {
				if ( $ours && firm_widgets_is_address_attribute( $name ) ) {
					unset( $blocks[ $i ]['attrs'][ $name ] );
					$changed = true;
				}
			}
			$blocks[ $i ]['attrs'] = firm_widgets_strip_value_addresses( $blocks[ $i ]['attrs'], $changed );
		}
		if ( ! empty( $block['innerBlocks'] ) ) {
			$blocks[ $i ]['innerBlocks'] = firm_widgets_strip_block_addresses( $block['innerBlocks'], $changed );
		}
	}
	return $blocks;
}

/**
 * A block attribute's value (arrays walked) with the plugin's shortcodes in its text stripped.
 *
 * @param mixed $value   As parse_blocks() decoded it.
 * @param bool  $changed Set to true when something was removed.
 * @return mixed
 */
function firm_widgets_strip_value_addresses( $value, &$changed ) {
	if ( is_array( $value ) ) {
		foreach ( $value as $key => $item ) {
			$value[ $key ] = firm_widgets_strip_value_addresses( $item, $changed );
		}
		return $value;
	}
	if ( ! is_string( $value ) ) {
		return $value;
	}
	$safe = firm_widgets_strip_shortcode_addresses( $value );
	if ( $safe !== $value ) {
		$changed = true;
	}
	return $safe;
}

/**
 * Whether content holds any of the plugin's shortcodes or blocks, also as a shortcode written in
 * another block's attribute (decoded, so `\u005bfirm_` counts).
 *
 * @param string $content A post's content.
 * @return bool
 */
function firm_widgets_mentions_elements( $content ) {
	if ( false !== strpos( $content, '[firm_' ) || false !== strpos( $content, 'wp:firm-widgets/' ) ) {
		return true;
	}
	if ( false === strpos( $content, '<!-- wp:' ) ) {
		return false;
	}
	return firm_widgets_blocks_mention_elements( parse_blocks( $content ) );
}

/** Whether any of these blocks (nested ones too) has `[firm_` in an attribute's decoded text. */
function firm_widgets_blocks_mention_elements( $blocks ) {
	foreach ( $blocks as $block ) {
		// Encoded again without escaping `[` or slashes: the decoded text, whatever the JSON said.
		if ( ! empty( $block['attrs'] ) && false !== strpos( (string) wp_json_encode( $block['attrs'], JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ), '[firm_' ) ) {
			return true;
		}
		if ( ! empty( $block['innerBlocks'] ) && firm_widgets_blocks_mention_elements( $block['innerBlocks'] ) ) {
			return true;
		}
	}
	return false;
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

/**
 * The post whose content the_content is rendering (0 when none), which wrote the markup being
 * rendered. Inside a Query Loop a block's context names each listed post, not this one, so both
 * are judged (firm_widgets_addresses_allowed()).
 *
 * @param int|null $push A post whose content starts to render (with $pop false) …
 * @param bool     $pop  … or true when the innermost one is done.
 * @return int
 */
function firm_widgets_shown_post( $push = null, $pop = false ) {
	static $shown = array();
	if ( null !== $push ) {
		$shown[] = (int) $push;
	} elseif ( $pop ) {
		array_pop( $shown );
	}
	return $shown ? (int) end( $shown ) : 0;
}

/** the_content, before its blocks and shortcodes run: the current post's content is rendering. */
function firm_widgets_start_content( $content ) {
	firm_widgets_shown_post( (int) get_the_ID() );
	return $content;
}

/** the_content, last: that post's content is done. */
function firm_widgets_end_content( $content ) {
	firm_widgets_shown_post( null, true );
	return $content;
}

/**
 * Whether an element shown for post `$post_id` may keep its addresses: a synced pattern being
 * rendered is judged by its own author alone; otherwise that post, and the post whose content
 * holds the markup (they differ in a Query Loop), must both be trusted.
 *
 * @param int $post_id The post the element is shown for (a block's context, or the current post).
 * @return bool
 */
function firm_widgets_addresses_allowed( $post_id ) {
	$judged = firm_widgets_content_post( $post_id );
	if ( ! firm_widgets_post_is_trusted( $judged ) ) {
		return false;
	}
	if ( $judged !== (int) $post_id ) {
		return true;
	}
	$shown = firm_widgets_shown_post();
	return ! $shown || $shown === $judged || firm_widgets_post_is_trusted( $shown );
}

/**
 * Block widgets are saved with kses alone, never through wp_insert_post(): whoever lacks
 * `unfiltered_html` saves no address in one either. Only the widgets they changed are stripped, so
 * an Administrator's untouched widget keeps its own.
 *
 * @param mixed $value     The widget_block option about to be stored.
 * @param mixed $old_value The stored one.
 * @return mixed
 */
function firm_widgets_strip_widget_addresses( $value, $old_value ) {
	if ( ! is_array( $value ) || current_user_can( 'unfiltered_html' ) ) {
		return $value;
	}
	foreach ( $value as $key => $widget ) {
		if ( ! is_array( $widget ) || ! isset( $widget['content'] ) || ! is_string( $widget['content'] ) ) {
			continue;
		}
		$before = is_array( $old_value ) && isset( $old_value[ $key ]['content'] ) ? $old_value[ $key ]['content'] : null;
		if ( $before !== $widget['content'] ) {
			$value[ $key ]['content'] = firm_widgets_strip_addresses( $widget['content'] );
		}
	}
	return $value;
}
