<?php
/**
 * Deleting the plugin removes, on every site of a network: its settings, its rate-limit counters,
 * its scheduled event and its notes on posts. It keeps the stored messages (they are the firm's
 * records of what visitors asked) unless "Delete the stored messages when the plugin is deleted"
 * was ticked on that site; then they go with their details.
 *
 * @package FirmWidgets
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

/** Everything the plugin left on the current site. */
function firm_widgets_uninstall_site() {
	global $wpdb;
	$options = get_option( 'firm_widgets', array() );
	if ( is_array( $options ) && ! empty( $options['delete_messages'] ) ) {
		$ids = $wpdb->get_col( $wpdb->prepare( "SELECT ID FROM {$wpdb->posts} WHERE post_type = %s", 'firm_message' ) );
		foreach ( $ids as $id ) {
			wp_delete_post( (int) $id, true );
		}
	}
	delete_option( 'firm_widgets' );
	delete_option( 'firm_widgets_comments_indexed' );
	delete_transient( 'firm_widgets_templates_comments' );
	delete_post_meta_by_key( '_firm_widgets_untrusted_editor' );
	delete_post_meta_by_key( '_firm_widgets_shows_comments_of' );
	wp_clear_scheduled_hook( 'firm_widgets_retention' );
	wp_clear_scheduled_hook( 'firm_widgets_retention_backlog' );
	foreach ( array( 'firm_rl_', 'firm_widgets_rejected_', 'firm_widgets_erase_kept_' ) as $prefix ) {
		$wpdb->query(
			$wpdb->prepare(
				"DELETE FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s",
				$wpdb->esc_like( '_transient_' . $prefix ) . '%',
				$wpdb->esc_like( '_transient_timeout_' . $prefix ) . '%'
			)
		);
	}
}

if ( is_multisite() ) {
	foreach ( get_sites( array( 'fields' => 'ids', 'number' => 0 ) ) as $firm_widgets_site ) {
		switch_to_blog( $firm_widgets_site );
		firm_widgets_uninstall_site();
		restore_current_blog();
	}
} else {
	firm_widgets_uninstall_site();
}
