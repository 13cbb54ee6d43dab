<?php
/**
 * One schema.org `LegalService` JSON-LD block in every page's head, from the settings: search
 * engines read it, and every element takes its defaults from it.
 *
 * @package FirmWidgets
 */

defined( 'ABSPATH' ) || exit;

add_action( 'wp_head', 'firm_widgets_print_schema', 5 );

/** The firm as schema.org data; empty when nothing is configured. */
function firm_widgets_schema() {
	$o    = firm_widgets_options();
	$data = array_filter(
		array(
			'@context'          => 'https://schema.org',
			'@type'             => 'LegalService',
			'name'              => $o['name'],
			'url'               => home_url( '/' ),
			'telephone'         => $o['phone'],
			'faxNumber'         => $o['fax'],
			'email'             => $o['email'],
			'address'           => $o['address'],
			'openingHours'      => firm_widgets_hours_rules( $o['hours'] ),
			// Not schema.org (search engines ignore it): the office's zone for <firm-office-hours>.
			'timeZone'          => firm_widgets_timezone(),
			'availableLanguage' => firm_widgets_languages(),
		)
	);
	if ( ! array_intersect_key( $data, array_flip( array( 'telephone', 'email', 'address', 'openingHours' ) ) ) ) {
		return array();
	}
	/**
	 * Filters the firm's JSON-LD before it is printed.
	 *
	 * @param array $data schema.org properties.
	 */
	return apply_filters( 'firm_widgets_schema', $data );
}

function firm_widgets_print_schema() {
	$data = firm_widgets_schema();
	if ( ! $data ) {
		return;
	}
	// The HTML-safe flags keep "</script>" and quotes in the settings from closing the block.
	$json = wp_json_encode( $data, JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_HEX_QUOT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE );
	echo "<script type=\"application/ld+json\" class=\"firm-widgets-schema\">{$json}</script>\n"; // phpcs:ignore WordPress.Security.EscapeOutput -- JSON made HTML-safe by the flags above.
}
