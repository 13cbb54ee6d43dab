<?php
/**
 * Block patterns that put the blocks together as firms' sites use them: a contact section, what
 * follows a post, and a contact page.
 *
 * @package FirmWidgets
 */

defined( 'ABSPATH' ) || exit;

add_action( 'init', 'firm_widgets_register_patterns' );

function firm_widgets_register_patterns() {
	if ( ! function_exists( 'register_block_pattern' ) ) {
		return;
	}
	register_block_pattern_category( 'firm-widgets', array( 'label' => __( 'Firm Widgets', 'firm-widgets' ) ) );
	$patterns = array(
		'contact-section' => array(
			'title'       => __( 'Contact section', 'firm-widgets' ),
			'description' => __( 'The contact card, the office hours and the languages the firm speaks.', 'firm-widgets' ),
			'content'     => "<!-- wp:group {\"layout\":{\"type\":\"constrained\"}} -->\n<div class=\"wp-block-group\"><!-- wp:firm-widgets/contact-card /-->\n\n<!-- wp:firm-widgets/office-hours {\"layout\":\"week\"} /-->\n\n<!-- wp:firm-widgets/language-badge /--></div>\n<!-- /wp:group -->",
		),
		'after-post'      => array(
			'title'       => __( 'After the post', 'firm-widgets' ),
			'description' => __( "The post's author and its comments.", 'firm-widgets' ),
			'content'     => "<!-- wp:group {\"layout\":{\"type\":\"constrained\"}} -->\n<div class=\"wp-block-group\"><!-- wp:firm-widgets/author-bio /-->\n\n<!-- wp:firm-widgets/comments /--></div>\n<!-- /wp:group -->",
		),
		'contact-page'    => array(
			'title'       => __( 'Contact page', 'firm-widgets' ),
			'description' => __( 'The contact form beside the contact card and the office hours.', 'firm-widgets' ),
			'content'     => "<!-- wp:columns -->\n<div class=\"wp-block-columns\"><!-- wp:column {\"width\":\"60%\"} -->\n<div class=\"wp-block-column\" style=\"flex-basis:60%\"><!-- wp:firm-widgets/contact-form /--></div>\n<!-- /wp:column -->\n\n<!-- wp:column {\"width\":\"40%\"} -->\n<div class=\"wp-block-column\" style=\"flex-basis:40%\"><!-- wp:firm-widgets/contact-card /-->\n\n<!-- wp:firm-widgets/office-hours {\"layout\":\"week\"} /--></div>\n<!-- /wp:column --></div>\n<!-- /wp:columns -->",
		),
	);
	foreach ( $patterns as $name => $pattern ) {
		register_block_pattern(
			'firm-widgets/' . $name,
			$pattern + array( 'categories' => array( 'firm-widgets' ) )
		);
	}
}
