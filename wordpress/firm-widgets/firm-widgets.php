<?php
/**
 * Plugin Name:       Firm Widgets
 * Plugin URI:        https://github.com/firm-widgets/firm-widgets
 * Description:       Contact card, office hours, language badge, comments, contact form, author bio and call button for a law firm's site, configured once under Settings → Firm Widgets.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * License:           MIT
 * Text Domain:       firm-widgets
 *
 * @package FirmWidgets
 */

defined( 'ABSPATH' ) || exit;

define( 'FIRM_WIDGETS_VERSION', '0.1.0' );
define( 'FIRM_WIDGETS_FILE', __FILE__ );

require __DIR__ . '/includes/options.php';
require __DIR__ . '/includes/hours.php';
require __DIR__ . '/includes/settings.php';
require __DIR__ . '/includes/schema.php';
require __DIR__ . '/includes/elements.php';
require __DIR__ . '/includes/addresses.php';
require __DIR__ . '/includes/comments.php';
require __DIR__ . '/includes/messages.php';
require __DIR__ . '/includes/blocks.php';
require __DIR__ . '/includes/patterns.php';
require __DIR__ . '/includes/privacy.php';

add_action( 'init', 'firm_widgets_load_textdomain', 0 );
add_filter( 'load_script_translation_file', 'firm_widgets_script_translation_file', 10, 3 );
register_activation_hook( __FILE__, 'firm_widgets_activate' );
register_deactivation_hook( __FILE__, 'firm_widgets_deactivate' );

/** First activation: the site's own details where we have them, nothing overwritten later. */
function firm_widgets_activate() {
	if ( false === get_option( 'firm_widgets' ) ) {
		add_option(
			'firm_widgets',
			array_merge(
				firm_widgets_defaults(),
				array(
					'name'  => get_bloginfo( 'name' ),
					'email' => get_option( 'admin_email' ),
				)
			)
		);
	}
	firm_widgets_register_message_type();
}

/** No scheduled event outlives the plugin's activation. */
function firm_widgets_deactivate() {
	wp_clear_scheduled_hook( 'firm_widgets_retention' );
	wp_clear_scheduled_hook( 'firm_widgets_retention_backlog' );
}

/** The Spanish the plugin ships serves every Spanish locale (es_MX, es_AR, …) that has none of its own. */
function firm_widgets_translation_locale() {
	$locale = determine_locale();
	$own    = dirname( FIRM_WIDGETS_FILE ) . '/languages/firm-widgets-' . $locale . '.mo';
	return 0 === strpos( $locale, 'es_' ) && ! file_exists( $own ) ? 'es_ES' : $locale;
}

/** The plugin's translations, from WordPress's languages folder or the plugin's own. */
function firm_widgets_load_textdomain() {
	$locale = firm_widgets_translation_locale();
	if ( determine_locale() !== $locale ) {
		// Loaded as the site's own locale's (6.5+ files translations by locale), and load_textdomain()
		// takes the .l10n.php beside the .mo where WordPress reads those (6.5+).
		load_textdomain( 'firm-widgets', dirname( FIRM_WIDGETS_FILE ) . '/languages/firm-widgets-' . $locale . '.mo', determine_locale() );
		return;
	}
	load_plugin_textdomain( 'firm-widgets', false, dirname( plugin_basename( FIRM_WIDGETS_FILE ) ) . '/languages' );
}

/** The block editor's strings: the same Spanish fallback. */
function firm_widgets_script_translation_file( $file, $handle, $domain ) {
	if ( 'firm-widgets' !== $domain || ( $file && is_readable( $file ) ) ) {
		return $file;
	}
	return dirname( FIRM_WIDGETS_FILE ) . '/languages/firm-widgets-' . firm_widgets_translation_locale() . '-' . $handle . '.json';
}
