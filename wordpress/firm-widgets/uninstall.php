<?php
/**
 * Deleting the plugin removes its settings and rate-limit counters; the stored messages only when
 * the site owner ticked "Delete the stored messages when the plugin is deleted".
 *
 * @package FirmWidgets
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

global $wpdb;

$firm_widgets = get_option( 'firm_widgets', array() );
if ( is_array( $firm_widgets ) && ! empty( $firm_widgets['delete_messages'] ) ) {
	$firm_widgets_ids = $wpdb->get_col( $wpdb->prepare( "SELECT ID FROM {$wpdb->posts} WHERE post_type = %s", 'firm_message' ) );
	foreach ( $firm_widgets_ids as $firm_widgets_id ) {
		wp_delete_post( (int) $firm_widgets_id, true );
	}
}
delete_option( 'firm_widgets' );
delete_post_meta_by_key( '_firm_widgets_untrusted_editor' );
$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s", $wpdb->esc_like( '_transient_firm_rl_' ) . '%', $wpdb->esc_like( '_transient_timeout_firm_rl_' ) . '%' ) );
$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s", $wpdb->esc_like( '_transient_firm_widgets_rejected_' ) . '%', $wpdb->esc_like( '_transient_timeout_firm_widgets_rejected_' ) . '%' ) );
