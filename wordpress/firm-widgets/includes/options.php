<?php
/**
 * The plugin's one option, `firm_widgets`, and its defaults.
 *
 * @package FirmWidgets
 */

defined( 'ABSPATH' ) || exit;

/** Every setting with its default. */
function firm_widgets_defaults() {
	return array(
		'name'                => '',
		'phone'               => '',
		'fax'                 => '',
		'email'               => '',
		'address'             => '',
		'hours'               => '',
		'timezone'            => '',
		'languages'           => '',
		'consultation'        => '',
		'replace_comments'    => false,
		'message_to'          => '',
		'rate_limit'          => 5,
		'rate_window'         => 600,
		'proxies'             => '',
		'proxy_header'        => 'X-Forwarded-For',
		'min_seconds'         => 3,
		'delete_messages'     => false,
		// Days a message (and a possible spam message) is kept; 0: until staff delete it.
		'retention_days'      => 0,
		'spam_retention_days' => 0,
	);
}

/** The settings, defaults filled in. */
function firm_widgets_options() {
	$saved = get_option( 'firm_widgets', array() );
	return array_merge( firm_widgets_defaults(), is_array( $saved ) ? $saved : array() );
}

/**
 * The office's IANA time zone: the setting, else the site's (Settings → General), else nothing
 * when the site uses a bare UTC offset that is not a whole hour.
 */
function firm_widgets_timezone() {
	$zone = firm_widgets_options()['timezone'];
	if ( $zone ) {
		return $zone;
	}
	$site = get_option( 'timezone_string' );
	if ( $site ) {
		return $site;
	}
	$offset = (float) get_option( 'gmt_offset' );
	if ( 0.0 === $offset ) {
		return 'UTC';
	}
	if ( floor( $offset ) === $offset ) {
		// Etc/GMT zones count the other way round: UTC+2 is Etc/GMT-2.
		return 'Etc/GMT' . ( $offset > 0 ? '-' : '+' ) . abs( (int) $offset );
	}
	return '';
}

/** Language codes from the setting ("en, es ko" → ["en", "es", "ko"]). */
function firm_widgets_languages() {
	return firm_widgets_language_codes( firm_widgets_options()['languages'] );
}

/** A list of language codes as written, split at commas and spaces ("en, es ko" → ["en", "es", "ko"]). */
function firm_widgets_language_codes( $text ) {
	return array_values( array_filter( preg_split( '/[\s,]+/', trim( (string) $text ) ) ) );
}
