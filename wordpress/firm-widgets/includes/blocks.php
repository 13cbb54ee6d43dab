<?php
/**
 * A block for each element, in a "Firm Widgets" category. Blocks are dynamic: each block's
 * render.php calls firm_widgets_render_block(), which hands the block's attributes to the same
 * renderer and attribute rules as the shortcodes. In the editor each block previews the real
 * element: the kit as a classic script (the editor's iframe takes no script modules), with the
 * firm's JSON-LD beside it so the preview shows the site's details.
 *
 * @package FirmWidgets
 */

defined( 'ABSPATH' ) || exit;

add_action( 'init', 'firm_widgets_register_blocks' );
add_filter( 'block_categories_all', 'firm_widgets_block_category' );
add_action( 'enqueue_block_assets', 'firm_widgets_editor_kit' );
add_action( 'rest_api_init', 'firm_widgets_register_hours_route' );

/** Block folder → element. */
function firm_widgets_blocks() {
	$blocks = array();
	foreach ( firm_widgets_elements() as $tag ) {
		$blocks[ substr( $tag, strlen( 'firm-' ) ) ] = $tag;
	}
	return $blocks;
}

function firm_widgets_register_blocks() {
	$dir = dirname( FIRM_WIDGETS_FILE );
	wp_register_script(
		'firm-widgets-blocks',
		plugins_url( 'blocks/editor.js', FIRM_WIDGETS_FILE ),
		array( 'wp-api-fetch', 'wp-block-editor', 'wp-blocks', 'wp-components', 'wp-data', 'wp-element', 'wp-i18n' ),
		FIRM_WIDGETS_VERSION,
		true
	);
	wp_set_script_translations( 'firm-widgets-blocks', 'firm-widgets', $dir . '/languages' );
	wp_add_inline_script(
		'firm-widgets-blocks',
		'window.firmWidgetsEditor = ' . wp_json_encode(
			array(
				'home'      => home_url( '/' ),
				// The preview's rules, from the renderer's own lists: each element's attributes, those it
				// never previews (where visitors' words go), those that hold a link, and the schemes a
				// link may use.
				'elements'  => array_map( 'array_keys', firm_widgets_element_attributes() ),
				'addresses' => firm_widgets_trusted_attributes(),
				'links'     => firm_widgets_url_attributes(),
				'protocols' => firm_widgets_link_protocols(),
			),
			JSON_HEX_TAG | JSON_HEX_AMP
		) . ';',
		'before'
	);
	// The badge is an inline box (it sits in a sentence when written as HTML); as a block it takes
	// its own line within the content's width, as every block does.
	wp_register_style( 'firm-widgets-block-badge', false, array(), FIRM_WIDGETS_VERSION );
	wp_add_inline_style( 'firm-widgets-block-badge', '.wp-block-firm-widgets-language-badge{display:block}' );
	wp_register_script( 'firm-widgets-classic', plugins_url( 'assets/firm-widgets.iife.js', FIRM_WIDGETS_FILE ), array(), FIRM_WIDGETS_VERSION, false );
	foreach ( array_keys( firm_widgets_blocks() ) as $name ) {
		register_block_type( $dir . '/blocks/' . $name );
	}
}

/** The "Firm Widgets" category, first, so the blocks are easy to find. */
function firm_widgets_block_category( $categories ) {
	array_unshift(
		$categories,
		array(
			'slug'  => 'firm-widgets',
			'title' => __( 'Firm Widgets', 'firm-widgets' ),
			'icon'  => null,
		)
	);
	return $categories;
}

/**
 * In the editor (and its iframe), the kit as a classic script, and the firm's JSON-LD made with the
 * DOM so no HTML is parsed: the previews read the site's phone, hours and languages from it as the
 * page's elements do.
 */
function firm_widgets_editor_kit() {
	static $added = false;
	if ( ! is_admin() ) {
		return;
	}
	$schema = firm_widgets_schema();
	if ( $schema && ! $added ) {
		$added = true;
		$json = wp_json_encode( wp_json_encode( $schema ), JSON_HEX_TAG | JSON_HEX_AMP );
		wp_add_inline_script(
			'firm-widgets-classic',
			"(function (d) { if (d.querySelector('script.firm-widgets-schema')) return; var s = d.createElement('script'); s.type = 'application/ld+json'; s.className = 'firm-widgets-schema'; s.textContent = {$json}; d.head.appendChild(s); })(document);",
			'before'
		);
	}
	wp_enqueue_script( 'firm-widgets-classic' );
}

/**
 * A block's markup: its attributes (camelCase, as blocks name them) turned into the element's
 * (kebab-case), through firm_widgets_render_element().
 *
 * @param string   $tag        Element name.
 * @param array    $attributes The block's attributes.
 * @param WP_Block $block      The block; its context names the post it is shown for.
 * @return string
 */
function firm_widgets_render_block( $tag, $attributes, $block ) {
	$classes = array( 'wp-block-firm-widgets-' . substr( $tag, strlen( 'firm-' ) ) );
	if ( ! empty( $attributes['align'] ) && is_string( $attributes['align'] ) ) {
		$classes[] = 'align' . $attributes['align'];
	}
	if ( ! empty( $attributes['className'] ) && is_string( $attributes['className'] ) ) {
		$classes[] = $attributes['className'];
	}
	$given = array( 'class' => implode( ' ', $classes ) );
	foreach ( (array) $attributes as $name => $value ) {
		if ( 'className' !== $name && 'align' !== $name ) {
			$given[ firm_widgets_attribute_name( $name ) ] = is_int( $value ) ? (string) $value : $value;
		}
	}
	$post = isset( $block->context['postId'] ) ? (int) $block->context['postId'] : (int) get_the_ID();
	return firm_widgets_render_element( $tag, $given, array( 'post' => $post ) );
}

/** GET /firm-widgets/v1/check-hours?hours=…: the settings page's check, for the blocks' sidebar. */
function firm_widgets_register_hours_route() {
	register_rest_route(
		'firm-widgets/v1',
		'/check-hours',
		array(
			'methods'             => 'GET',
			'callback'            => function ( WP_REST_Request $request ) {
				$hours = trim( (string) $request->get_param( 'hours' ) );
				return array( 'error' => '' === $hours ? null : firm_widgets_check_hours( $hours ) );
			},
			'permission_callback' => function () {
				return current_user_can( 'edit_posts' );
			},
			'args'                => array(
				'hours' => array(
					'type'     => 'string',
					'required' => true,
				),
			),
		)
	);
}
