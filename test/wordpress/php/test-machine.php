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
