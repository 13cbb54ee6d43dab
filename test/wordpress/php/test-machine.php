<?php
/**
 * Plugin Name: firm-widgets test machine: mail log, no outside requests
 * Description: The test machine has no sendmail: every mail is appended to a JSON-lines log instead.
 * With the option firm_test_mail_broken set, mail takes WordPress's real path, which fails here.
 */
add_filter(
	'pre_wp_mail',
	function ( $short_circuit, $atts ) {
		if ( get_option( 'firm_test_mail_broken' ) ) {
			return $short_circuit;
		}
		file_put_contents( FIRM_TEST_MAIL_LOG, wp_json_encode( $atts ) . "\n", FILE_APPEND | LOCK_EX );
		return true;
	},
	10,
	2
);

// The test browser stays on 127.0.0.1: avatars come from the site itself, and WordPress's hints
// and emoji script that point at other hosts are left out.
add_filter(
	'get_avatar_url',
	function () {
		return includes_url( 'images/w-logo-blue.png' );
	}
);
add_filter( 'wp_resource_hints', '__return_empty_array' );
remove_action( 'wp_head', 'print_emoji_detection_script', 7 );
// The block inserter's "available to install" search asks WordPress.org, which the test machine cannot reach.
remove_action( 'enqueue_block_editor_assets', 'wp_enqueue_editor_block_directory_assets' );
// No update checks against WordPress.org from the admin screens, and nothing else off the machine.
remove_action( 'admin_init', '_maybe_update_core' );
remove_action( 'admin_init', '_maybe_update_plugins' );
remove_action( 'admin_init', '_maybe_update_themes' );
remove_action( 'wp_version_check', 'wp_version_check' );
remove_action( 'load-plugins.php', 'wp_update_plugins' );
remove_action( 'load-update.php', 'wp_update_plugins' );
remove_action( 'load-update-core.php', 'wp_update_plugins' );
remove_action( 'load-themes.php', 'wp_update_themes' );
add_filter(
	'pre_http_request',
	function ( $pre, $args, $url ) {
		$host = wp_parse_url( $url, PHP_URL_HOST );
		return in_array( $host, array( '127.0.0.1', 'localhost' ), true ) ? $pre : new WP_Error( 'http_request_failed', 'test machine: loopback only' );
	},
	10,
	3
);
