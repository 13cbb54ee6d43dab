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
require __DIR__ . '/includes/comments.php';
require __DIR__ . '/includes/messages.php';
require __DIR__ . '/includes/blocks.php';
require __DIR__ . '/includes/privacy.php';

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
}
