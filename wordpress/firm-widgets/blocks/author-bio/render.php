<?php
/**
 * The author bio block on the page: the same markup, through the same renderer and attribute
 * rules, as the shortcode.
 *
 * @package FirmWidgets
 * @var array    $attributes The block's attributes.
 * @var WP_Block $block      The block, with the post it is shown for in its context.
 */

defined( 'ABSPATH' ) || exit;

echo firm_widgets_render_block( 'firm-author-bio', $attributes, $block ); // phpcs:ignore WordPress.Security.EscapeOutput -- built from escaped parts by firm_widgets_element_html().
