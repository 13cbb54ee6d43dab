<?php
// firm:install
// Installs the site the way the installer would, without its HTTP self-checks, then activates the
// plugin and writes the posts the tests use. Returns their ids.
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

// The installer probes pretty permalinks over HTTP; answer offline so the site keeps plain ones.
add_filter( 'pre_http_request', function () { return new WP_Error( 'offline', 'no network in tests' ); } );

$password = wp_generate_password( 16, false );
wp_install( 'Reyes & Cho Immigration Law', 'admin', 'admin@example.test', true, '', $password, 'en_US' );
update_option( 'timezone_string', 'America/Los_Angeles' );
// The tests' block theme on every release (7.1's default would be Twenty Twenty-Five).
switch_theme( 'twentytwentythree' );
update_option( 'admin_email', 'admin@example.test' );

// The plugin goes in the way Plugins → Add New → Upload Plugin puts it: Plugin_Upgrader on the zip.
require_once ABSPATH . 'wp-admin/includes/class-wp-upgrader.php';
require_once ABSPATH . 'wp-admin/includes/file.php';
require_once ABSPATH . 'wp-admin/includes/misc.php';
$upgrader  = new Plugin_Upgrader( new Automatic_Upgrader_Skin() );
$installed = $upgrader->install( $input['zip'] );
if ( true !== $installed ) {
	throw new Exception( 'uploading the plugin failed: ' . implode( '; ', $upgrader->skin->get_upgrade_messages() ) . ( is_wp_error( $installed ) ? $installed->get_error_message() : '' ) );
}
$activated = activate_plugin( 'firm-widgets/firm-widgets.php' );
if ( is_wp_error( $activated ) ) {
	throw new Exception( 'activating the plugin failed: ' . $activated->get_error_message() );
}

update_option(
	'firm_widgets',
	array_merge(
		get_option( 'firm_widgets', array() ),
		array(
			'name'         => 'Reyes & Cho Immigration Law',
			'phone'        => '818-788-8900',
			'fax'          => '818-788-5900',
			'email'        => 'office@reyescho.example',
			'address'      => '15233 Ventura Blvd, Suite 410, Sherman Oaks, CA 91403',
			'hours'        => 'Mo-Fr 09:00-17:00; Sa 10:00-14:00',
			'timezone'     => 'America/Los_Angeles',
			'languages'    => 'en, es, ko',
			'consultation' => 'http://127.0.0.1/consultation/',
		)
	)
);

$admin  = get_user_by( 'login', 'admin' );
wp_update_user( array( 'ID' => $admin->ID, 'display_name' => 'Ana Reyes', 'description' => 'Ana Reyes has practised immigration law in Los Angeles since 2004.' ) );

$post = function ( $title, $content, $extra = array() ) use ( $admin ) {
	$id = wp_insert_post(
		array_merge(
			array(
				'post_title'   => $title,
				'post_content' => $content,
				'post_status'  => 'publish',
				'post_type'    => 'post',
				'post_author'  => $admin->ID,
			),
			$extra
		),
		true
	);
	if ( is_wp_error( $id ) ) {
		throw new Exception( $id->get_error_message() );
	}
	return $id;
};

return array(
	'version' => get_bloginfo( 'version' ),
	'php'     => PHP_VERSION,
	'db'      => $GLOBALS['wpdb']->db_server_info(),
	'admin'   => array( 'login' => 'admin', 'password' => $password, 'id' => $admin->ID ),
	'posts'   => array(
		'article'      => $post( 'Can I travel while my green card is pending?', '<p>Short answer: not without advance parole.</p>' ),
		'second'       => $post( 'What is a U visa?', '<p>A visa for victims of certain crimes.</p>' ),
		'closed'       => $post( 'Office news', '<p>We moved.</p>', array( 'comment_status' => 'closed' ) ),
		'shortcodes'   => $post( 'Visit us', "<p>Hours and phone below.</p>\n[firm_contact_card]\n[firm_office_hours]\n[firm_language_badge]\n[firm_call_button show-on=\"always\"]\n[firm_author_bio title=\"Managing attorney\"]\n[firm_comments]", array( 'post_type' => 'page' ) ),
		'settingsOnly' => $post( 'Settings only', "[firm_contact_card]\n[firm_office_hours layout=\"week\"]", array( 'post_type' => 'page' ) ),
		'contact'      => $post( 'Contact', "[firm_contact_form topics=\"Family visas; Deportation defense; Citizenship\"]", array( 'post_type' => 'page' ) ),
		'plain'        => $post( 'About', '<p>No widgets here.</p>', array( 'post_type' => 'page' ) ),
	),
);
