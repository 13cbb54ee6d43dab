<?php
/**
 * Settings → Firm Widgets: the firm's details once, for every element on the site. Saved through
 * the Settings API, which checks the `manage_options` capability and the form's nonce.
 *
 * @package FirmWidgets
 */

defined( 'ABSPATH' ) || exit;

add_action( 'admin_init', 'firm_widgets_register_setting' );
add_action( 'admin_menu', 'firm_widgets_settings_menu' );
add_filter( 'plugin_action_links_' . plugin_basename( FIRM_WIDGETS_FILE ), 'firm_widgets_settings_link' );

function firm_widgets_register_setting() {
	register_setting(
		'firm_widgets',
		'firm_widgets',
		array(
			'type'              => 'array',
			'sanitize_callback' => 'firm_widgets_sanitize',
			'show_in_rest'      => false,
		)
	);
}

function firm_widgets_settings_menu() {
	add_options_page( __( 'Firm Widgets', 'firm-widgets' ), __( 'Firm Widgets', 'firm-widgets' ), 'manage_options', 'firm-widgets', 'firm_widgets_settings_page' );
}

function firm_widgets_settings_link( $links ) {
	$links[] = '<a href="' . esc_url( admin_url( 'options-general.php?page=firm-widgets' ) ) . '">' . esc_html__( 'Settings', 'firm-widgets' ) . '</a>';
	return $links;
}

/** Where a rejected value waits to be shown again, so what the webmaster typed is not lost. */
function firm_widgets_rejected_key() {
	return 'firm_widgets_rejected_' . get_current_user_id();
}

/**
 * Cleans what the settings form sent (options.php has unslashed it). A value that does not read keeps the saved one and says
 * why; the rest of the form is saved.
 *
 * @param mixed $input The posted `firm_widgets` array.
 * @return array
 */
function firm_widgets_sanitize( $input ) {
	$saved = firm_widgets_options();
	if ( ! is_array( $input ) ) {
		return $saved;
	}
	// Code may save part of the settings; only the settings form means "unticked" by a missing box.
	$from_form = ! empty( $input['_form'] );
	$posted    = $input;
	$input     = array_merge( $saved, $input );
	$out       = $saved;
	$rejected  = array();
	$text_of   = fn( $key ) => isset( $input[ $key ] ) && is_scalar( $input[ $key ] ) ? (string) $input[ $key ] : '';
	$reject    = function ( $key, $message ) use ( &$rejected, $text_of ) {
		$rejected[ $key ] = $text_of( $key );
		// settings_errors() prints messages as HTML, and ours quote what was typed: escape them here.
		add_settings_error( 'firm_widgets', 'firm_widgets_' . $key, esc_html( $message ) );
	};

	foreach ( array( 'name', 'phone', 'fax', 'address' ) as $key ) {
		$out[ $key ] = sanitize_text_field( $text_of( $key ) );
	}

	// Each value is checked as the elements' attributes of the same kind are (firm_widgets_attribute_value()).
	foreach ( array( 'email', 'message_to' ) as $key ) {
		$email   = trim( $text_of( $key ) );
		$checked = firm_widgets_attribute_value( 'email', $email );
		if ( '' === $email || null !== $checked ) {
			$out[ $key ] = (string) $checked;
		} else {
			/* translators: %s: what was typed */
			$reject( $key, sprintf( __( 'Email not saved: "%s" is not an email address.', 'firm-widgets' ), $email ) );
		}
	}

	$out['consultation'] = (string) firm_widgets_attribute_value( 'url', $text_of( 'consultation' ) );

	$hours = trim( $text_of( 'hours' ) );
	$error = '' === $hours ? null : firm_widgets_check_hours( $hours );
	if ( $error ) {
		/* translators: %s: the rule and token that could not be read, e.g. "rule 2: unknown day 'Mx'" */
		$reject( 'hours', sprintf( __( 'Hours not saved: %s.', 'firm-widgets' ), $error ) );
	} else {
		$out['hours'] = $hours;
	}

	$zone = trim( $text_of( 'timezone' ) );
	if ( '' === $zone || null !== firm_widgets_attribute_value( 'timezone', $zone ) ) {
		$out['timezone'] = $zone;
	} else {
		/* translators: %s: what was typed */
		$reject( 'timezone', sprintf( __( 'Time zone not saved: "%s" is not a time zone such as America/Los_Angeles.', 'firm-widgets' ), $zone ) );
	}

	$codes = firm_widgets_language_codes( $text_of( 'languages' ) );
	$bad   = array_filter( $codes, fn( $c ) => ! firm_widgets_is_language_code( $c ) );
	if ( $bad ) {
		/* translators: %s: the first code that did not read */
		$reject( 'languages', sprintf( __( 'Languages not saved: "%s" is not a language code such as es or zh-Hant.', 'firm-widgets' ), reset( $bad ) ) );
	} else {
		$out['languages'] = implode( ', ', $codes );
	}

	foreach ( array( 'replace_comments', 'delete_messages' ) as $key ) {
		$out[ $key ] = (bool) ( $from_form ? ! empty( $posted[ $key ] ) : $input[ $key ] );
	}
	$proxies = array_filter( preg_split( '/[\s,]+/', trim( $text_of( 'proxies' ) ) ) );
	$bad     = array_filter( $proxies, fn( $p ) => ! firm_widgets_is_address_range( $p ) );
	if ( $bad ) {
		/* translators: %s: the first entry that did not read */
		$reject( 'proxies', sprintf( __( 'Reverse proxy not saved: "%s" is not an IP address or range such as 10.0.0.0/8.', 'firm-widgets' ), reset( $bad ) ) );
	} else {
		$out['proxies'] = implode( ', ', $proxies );
	}
	$header = trim( $text_of( 'proxy_header' ) );
	if ( '' === $header || preg_match( '/^[A-Za-z0-9-]+$/', $header ) ) {
		$out['proxy_header'] = '' === $header ? 'X-Forwarded-For' : $header;
	} else {
		/* translators: %s: what was typed */
		$reject( 'proxy_header', sprintf( __( 'Proxy header not saved: "%s" is not a header name such as X-Forwarded-For.', 'firm-widgets' ), $header ) );
	}

	$out['rate_limit']  = absint( $text_of( 'rate_limit' ) );
	$out['rate_window'] = max( 1, absint( $text_of( 'rate_window' ) ) );
	$out['min_seconds'] = min( 60, absint( $text_of( 'min_seconds' ) ) );
	$out['retention_days']      = absint( $text_of( 'retention_days' ) );
	$out['spam_retention_days'] = absint( $text_of( 'spam_retention_days' ) );

	if ( $rejected ) {
		set_transient( firm_widgets_rejected_key(), $rejected, 120 );
	}
	return $out;
}

function firm_widgets_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	$o        = firm_widgets_options();
	$rejected = get_transient( firm_widgets_rejected_key() );
	if ( is_array( $rejected ) ) {
		delete_transient( firm_widgets_rejected_key() );
		$o = array_merge( $o, $rejected );
	} else {
		$rejected = array();
	}
	$text = function ( $key, $label, $help = '', $type = 'text' ) use ( $o, $rejected ) {
		$id = 'firm-widgets-' . str_replace( '_', '-', $key );
		echo '<tr><th scope="row"><label for="' . esc_attr( $id ) . '">' . esc_html( $label ) . '</label></th><td>';
		printf(
			'<input type="%1$s" class="regular-text" id="%2$s" name="firm_widgets[%3$s]" value="%4$s"',
			esc_attr( $type ),
			esc_attr( $id ),
			esc_attr( $key ),
			esc_attr( (string) $o[ $key ] )
		);
		if ( $help ) {
			echo ' aria-describedby="' . esc_attr( $id . '-help' ) . '"';
		}
		if ( isset( $rejected[ $key ] ) ) {
			echo ' aria-invalid="true"';
		}
		echo '>';
		if ( $help ) {
			echo '<p class="description" id="' . esc_attr( $id . '-help' ) . '">' . esc_html( $help ) . '</p>';
		}
		echo '</td></tr>';
	};
	$check = function ( $key, $label ) use ( $o ) {
		$id = 'firm-widgets-' . str_replace( '_', '-', $key );
		printf(
			'<tr><th scope="row"></th><td><label for="%1$s"><input type="checkbox" id="%1$s" name="firm_widgets[%2$s]" value="1"%3$s> %4$s</label></td></tr>',
			esc_attr( $id ),
			esc_attr( $key ),
			checked( ! empty( $o[ $key ] ), true, false ),
			esc_html( $label )
		);
	};
	$site_zone = get_option( 'timezone_string' ) ? get_option( 'timezone_string' ) : wp_timezone_string();
	?>
	<div class="wrap">
		<h1><?php esc_html_e( 'Firm Widgets', 'firm-widgets' ); ?></h1>
		<p><?php esc_html_e( 'The firm\'s details, entered once. Every page prints them as schema.org data, so the widgets need no attributes.', 'firm-widgets' ); ?></p>
		<form method="post" action="options.php">
			<?php settings_fields( 'firm_widgets' ); ?>
			<input type="hidden" name="firm_widgets[_form]" value="1">
			<h2><?php esc_html_e( 'The firm', 'firm-widgets' ); ?></h2>
			<table class="form-table" role="presentation">
				<?php
				$text( 'name', __( 'Firm name', 'firm-widgets' ) );
				$text( 'phone', __( 'Phone', 'firm-widgets' ), __( 'As visitors should read it, e.g. 818-788-8900.', 'firm-widgets' ), 'tel' );
				$text( 'fax', __( 'Fax', 'firm-widgets' ), '', 'tel' );
				$text( 'email', __( 'Email', 'firm-widgets' ), '', 'email' );
				$text( 'address', __( 'Address', 'firm-widgets' ), __( 'On one line: street, city, state and postal code.', 'firm-widgets' ) );
				$text( 'hours', __( 'Office hours', 'firm-widgets' ), __( 'Rules split by ";", e.g. Mo-Fr 09:00-12:00,13:00-17:00; Sa 10:00-14:00. Days Mo Tu We Th Fr Sa Su; "off" for a closed day; 00:00-24:00 for all day; 22:00-02:00 runs past midnight.', 'firm-widgets' ) );
				/* translators: %s: the site's time zone */
				$text( 'timezone', __( 'Time zone', 'firm-widgets' ), sprintf( __( 'The office\'s IANA time zone, e.g. America/Los_Angeles. Empty: the site\'s (%s).', 'firm-widgets' ), $site_zone ) );
				$text( 'languages', __( 'Languages spoken', 'firm-widgets' ), __( 'Language codes, e.g. en, es, ko, zh-Hant.', 'firm-widgets' ) );
				$text( 'consultation', __( 'Consultation link', 'firm-widgets' ), __( 'Where the contact card\'s "Request a consultation" button leads.', 'firm-widgets' ), 'url' );
				?>
			</table>
			<h2><?php esc_html_e( 'Comments', 'firm-widgets' ); ?></h2>
			<table class="form-table" role="presentation">
				<?php $check( 'replace_comments', __( 'Show the Firm Widgets comments in place of the theme\'s comment form', 'firm-widgets' ) ); ?>
			</table>
			<h2><?php esc_html_e( 'Messages', 'firm-widgets' ); ?></h2>
			<table class="form-table" role="presentation">
				<?php
				$text( 'message_to', __( 'Send messages to', 'firm-widgets' ), __( 'Empty: the firm\'s email, else the site\'s admin email. Every message is also kept under Messages.', 'firm-widgets' ), 'email' );
				$text( 'rate_limit', __( 'Messages per address', 'firm-widgets' ), __( 'How many messages one address may send per period (0: no limit).', 'firm-widgets' ), 'number' );
				$text( 'rate_window', __( 'Period, in seconds', 'firm-widgets' ), '', 'number' );
				$text( 'proxies', __( 'Trusted reverse proxy', 'firm-widgets' ), __( 'Behind a CDN or load balancer: its addresses or ranges (e.g. 10.0.0.0/8, 2001:db8::/32). Requests from them are counted by the visitor\'s address in the header below; empty: by the connecting address.', 'firm-widgets' ) );
				$text( 'proxy_header', __( 'Header with the visitor\'s address', 'firm-widgets' ), __( 'Read only on requests from the proxy above, e.g. X-Forwarded-For or CF-Connecting-IP.', 'firm-widgets' ) );
				$text( 'min_seconds', __( 'Minimum seconds to fill a form', 'firm-widgets' ), __( 'Forms sent faster than this are kept as spam, unmailed.', 'firm-widgets' ), 'number' );
				$text( 'retention_days', __( 'Delete messages after (days)', 'firm-widgets' ), __( 'Messages older than this are deleted once a day. 0: kept until you delete them.', 'firm-widgets' ), 'number' );
				$text( 'spam_retention_days', __( 'Delete possible spam after (days)', 'firm-widgets' ), __( 'Possible spam older than this is deleted once a day. 0: kept until you delete it.', 'firm-widgets' ), 'number' );
				$check( 'delete_messages', __( 'Delete the stored messages when the plugin is deleted', 'firm-widgets' ) );
				?>
			</table>
			<?php submit_button(); ?>
		</form>
	</div>
	<?php
}
