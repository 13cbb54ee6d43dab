<?php
/**
 * Contact messages: `POST /wp-json/firm-widgets/v1/messages`, public and nonce-free so it works on
 * cached pages. Each message is stored first, as a private `firm_message` post listed under
 * "Messages", then mailed; a mail failure is written on the message, which stays. A message the
 * spam guard flags is kept unmailed under "Possible spam", where staff can release it.
 *
 * @package FirmWidgets
 */

defined( 'ABSPATH' ) || exit;

add_action( 'init', 'firm_widgets_register_message_type' );
add_action( 'rest_api_init', 'firm_widgets_register_message_route' );
add_action( 'add_meta_boxes_firm_message', 'firm_widgets_message_box' );
add_filter( 'manage_firm_message_posts_columns', 'firm_widgets_message_columns' );
add_action( 'manage_firm_message_posts_custom_column', 'firm_widgets_message_column', 10, 2 );
add_filter( 'post_row_actions', 'firm_widgets_message_row_actions', 10, 2 );
add_action( 'admin_post_firm_widgets_release', 'firm_widgets_release_message' );
add_action( 'admin_notices', 'firm_widgets_release_notice' );

/** Who may read messages: they hold visitors' personal details. */
function firm_widgets_message_capability() {
	/**
	 * Filters the capability needed to read and delete contact messages.
	 *
	 * @param string $capability Default `manage_options`.
	 */
	return apply_filters( 'firm_widgets_message_capability', 'manage_options' );
}

/** The status of a message the spam guard flagged: kept, not mailed, listed apart. */
const FIRM_WIDGETS_SPAM_STATUS = 'firm_spam';

function firm_widgets_register_message_type() {
	register_post_status(
		FIRM_WIDGETS_SPAM_STATUS,
		array(
			'label'                     => _x( 'Possible spam', 'message status', 'firm-widgets' ),
			/* translators: %s: how many messages */
			'label_count'               => _n_noop( 'Possible spam <span class="count">(%s)</span>', 'Possible spam <span class="count">(%s)</span>', 'firm-widgets' ),
			'public'                    => false,
			'protected'                 => true,
			'exclude_from_search'       => true,
			'show_in_admin_all_list'    => false,
			'show_in_admin_status_list' => true,
		)
	);
	$cap = firm_widgets_message_capability();
	register_post_type(
		'firm_message',
		array(
			'labels'              => array(
				'name'          => __( 'Messages', 'firm-widgets' ),
				'singular_name' => __( 'Message', 'firm-widgets' ),
				'menu_name'     => __( 'Messages', 'firm-widgets' ),
				'all_items'     => __( 'Messages', 'firm-widgets' ),
				'edit_item'     => __( 'Message', 'firm-widgets' ),
				'search_items'  => __( 'Search messages', 'firm-widgets' ),
				'not_found'     => __( 'No messages yet.', 'firm-widgets' ),
			),
			'public'              => false,
			'publicly_queryable'  => false,
			'exclude_from_search' => true,
			'show_ui'             => true,
			'show_in_menu'        => true,
			'show_in_nav_menus'   => false,
			'show_in_admin_bar'   => false,
			'show_in_rest'        => false,
			'query_var'           => false,
			'rewrite'             => false,
			// Visitors' personal details stay out of Tools → Export files.
			'can_export'          => false,
			'delete_with_user'    => false,
			'menu_icon'           => 'dashicons-email-alt',
			'supports'            => array( 'title' ),
			'map_meta_cap'        => true,
			'capabilities'        => array(
				'create_posts'           => 'do_not_allow',
				'edit_posts'             => $cap,
				'edit_others_posts'      => $cap,
				'edit_private_posts'     => $cap,
				'edit_published_posts'   => $cap,
				'publish_posts'          => $cap,
				'read_private_posts'     => $cap,
				'delete_posts'           => $cap,
				'delete_others_posts'    => $cap,
				'delete_private_posts'   => $cap,
				'delete_published_posts' => $cap,
				'read'                   => $cap,
			),
		)
	);
}

function firm_widgets_register_message_route() {
	register_rest_route(
		'firm-widgets/v1',
		'/messages',
		array(
			'methods'             => 'POST',
			'callback'            => 'firm_widgets_receive_message',
			'permission_callback' => '__return_true',
		)
	);
}

/**
 * An IP address as text, canonical (`::ffff:192.0.2.1` is `192.0.2.1`), or '' when it is none. A
 * port or brackets some proxies add (`[2001:db8::1]:443`, `192.0.2.1:5678`) are dropped.
 */
function firm_widgets_normalize_ip( $text ) {
	$text = trim( (string) $text );
	if ( preg_match( '/^\[([0-9a-f:.]+)\](:\d+)?$/i', $text, $m ) ) {
		$text = $m[1];
	} elseif ( preg_match( '/^(\d+\.\d+\.\d+\.\d+):\d+$/', $text, $m ) ) {
		$text = $m[1];
	}
	if ( ! filter_var( $text, FILTER_VALIDATE_IP ) ) {
		return '';
	}
	$packed = inet_pton( $text );
	// An IPv4 address written as IPv6 (::ffff:a.b.c.d) is the IPv4 address.
	if ( 16 === strlen( $packed ) && str_repeat( "\0", 10 ) . "\xff\xff" === substr( $packed, 0, 12 ) ) {
		$packed = substr( $packed, 12 );
	}
	return inet_ntop( $packed );
}

/** An IP address, or a range in CIDR notation such as `10.0.0.0/8` or `2001:db8::/32`. */
function firm_widgets_is_address_range( $text ) {
	$parts = explode( '/', (string) $text, 2 );
	$ip    = filter_var( $parts[0], FILTER_VALIDATE_IP );
	if ( ! $ip ) {
		return false;
	}
	if ( 1 === count( $parts ) ) {
		return true;
	}
	$max = false !== strpos( $ip, ':' ) ? 128 : 32;
	return ctype_digit( $parts[1] ) && (int) $parts[1] <= $max;
}

/** Whether `$ip` lies in `$range` (an address or CIDR range). */
function firm_widgets_address_in_range( $ip, $range ) {
	$parts = explode( '/', $range, 2 );
	$a     = inet_pton( $ip );
	$net   = firm_widgets_normalize_ip( $parts[0] );
	$b     = '' === $net ? false : inet_pton( $net );
	if ( false === $a || false === $b || strlen( $a ) !== strlen( $b ) ) {
		return false;
	}
	$bits  = isset( $parts[1] ) ? (int) $parts[1] : 8 * strlen( $a );
	$bytes = intdiv( $bits, 8 );
	if ( substr( $a, 0, $bytes ) !== substr( $b, 0, $bytes ) ) {
		return false;
	}
	$rest = $bits % 8;
	if ( 0 === $rest ) {
		return true;
	}
	$mask = chr( ( 0xff << ( 8 - $rest ) ) & 0xff );
	return ( $a[ $bytes ] & $mask ) === ( $b[ $bytes ] & $mask );
}

/** Whether `$ip` is one of the reverse proxies named in Settings → Firm Widgets. */
function firm_widgets_is_trusted_proxy( $ip ) {
	foreach ( array_filter( preg_split( '/[\s,]+/', firm_widgets_options()['proxies'] ) ) as $range ) {
		if ( firm_widgets_address_in_range( $ip, $range ) ) {
			return true;
		}
	}
	return false;
}

/**
 * The sender's address: REMOTE_ADDR, unless that is a trusted reverse proxy (Settings → Firm
 * Widgets), whose header then gives it. A header such as X-Forwarded-For lists every hop with the
 * visitor first, and anyone can write its start: it is read from the end, past the site's own
 * proxies, so a visitor cannot pick the address they are counted by.
 */
function firm_widgets_client_ip() {
	$ip = firm_widgets_normalize_ip( isset( $_SERVER['REMOTE_ADDR'] ) ? wp_unslash( $_SERVER['REMOTE_ADDR'] ) : '' ); // phpcs:ignore WordPress.Security.ValidatedSanitizedInput -- checked as an IP address.
	$header = 'HTTP_' . strtoupper( str_replace( '-', '_', firm_widgets_options()['proxy_header'] ) );
	if ( '' !== $ip && firm_widgets_is_trusted_proxy( $ip ) && ! empty( $_SERVER[ $header ] ) ) {
		$hops = array_reverse( explode( ',', (string) wp_unslash( $_SERVER[ $header ] ) ) ); // phpcs:ignore WordPress.Security.ValidatedSanitizedInput -- each hop checked as an IP address.
		foreach ( $hops as $hop ) {
			$hop = firm_widgets_normalize_ip( $hop );
			if ( '' === $hop ) {
				break;
			}
			$ip = $hop;
			if ( ! firm_widgets_is_trusted_proxy( $hop ) ) {
				break;
			}
		}
	}
	/**
	 * Filters the address the message rate limit counts by.
	 *
	 * @param string $ip REMOTE_ADDR, or the visitor's address from a trusted proxy's header.
	 */
	return (string) apply_filters( 'firm_widgets_client_ip', $ip );
}

/**
 * What the rate limit counts by: an IPv4 address, or an IPv6 address's /64 network, since one
 * home or phone is usually given a whole /64 and can pick any address in it.
 */
function firm_widgets_rate_bucket( $ip ) {
	$normal = firm_widgets_normalize_ip( $ip );
	if ( '' === $normal || false === strpos( $normal, ':' ) ) {
		return '' === $normal ? (string) $ip : $normal;
	}
	return inet_ntop( substr( inet_pton( $normal ), 0, 8 ) . str_repeat( "\0", 8 ) ) . '/64';
}

/**
 * Counts one message for the address `$ip`. Returns 0 when it may go, else the seconds until it
 * may. A database lock makes the count exact when many requests arrive at once.
 *
 * @param string        $ip        The sender's address (firm_widgets_client_ip()).
 * @param callable|null $is_resend Asked once the address is known to be within its limit, before
 *                                 the message is counted (and under the same lock): true when it
 *                                 is a resend of a stored message, which is not counted.
 * @return int
 */
function firm_widgets_rate_limit( $ip, $is_resend = null ) {
	global $wpdb;
	$o = firm_widgets_options();
	/**
	 * Filters how many messages one address may send per period (0: no limit).
	 *
	 * @param int    $limit From Settings → Firm Widgets (default 5).
	 * @param string $ip    The sender's address.
	 */
	$limit = (int) apply_filters( 'firm_widgets_rate_limit', (int) $o['rate_limit'], $ip );
	/**
	 * Filters the period of the rate limit, in seconds.
	 *
	 * @param int $window From Settings → Firm Widgets (default 600).
	 */
	$window = max( 1, (int) apply_filters( 'firm_widgets_rate_window', (int) $o['rate_window'] ) );
	if ( $limit <= 0 ) {
		if ( $is_resend ) {
			$is_resend();
		}
		return 0;
	}
	// A keyed hash: the address itself is never stored.
	$key    = 'firm_rl_' . substr( hash_hmac( 'sha256', firm_widgets_rate_bucket( $ip ), wp_salt( 'nonce' ) ), 0, 24 );
	$locked = $wpdb->get_var( $wpdb->prepare( 'SELECT GET_LOCK(%s, 10)', $key ) );
	try {
		$now   = time();
		$times = array_values( array_filter( (array) get_transient( $key ), fn( $t ) => (int) $t > $now - $window ) );
		if ( count( $times ) >= $limit ) {
			return max( 1, min( $times ) + $window - $now );
		}
		if ( $is_resend && $is_resend() ) {
			return 0;
		}
		$times[] = $now;
		set_transient( $key, $times, $window );
		return 0;
	} finally {
		if ( $locked ) {
			$wpdb->query( $wpdb->prepare( 'SELECT RELEASE_LOCK(%s)', $key ) );
		}
	}
}

/** A text parameter as sent: valid UTF-8, no NULs, trimmed; never stripped of what was typed. */
function firm_widgets_param( $request, $name ) {
	$value = $request->get_param( $name );
	if ( ! is_scalar( $value ) ) {
		return '';
	}
	return trim( str_replace( "\0", '', wp_check_invalid_utf8( (string) $value, true ) ) );
}

/**
 * Field errors, by field name; empty when the message reads.
 *
 * @param array $m The message.
 * @return array
 */
function firm_widgets_message_errors( $m ) {
	$errors = array();
	$max    = firm_widgets_message_limits();
	if ( '' === $m['name'] ) {
		$errors['name'] = __( 'Please enter your name.', 'firm-widgets' );
	}
	if ( '' === $m['email'] && '' === $m['phone'] ) {
		$errors['email'] = __( 'Please give an email address or a phone number.', 'firm-widgets' );
	} elseif ( '' !== $m['email'] && ! is_email( $m['email'] ) ) {
		$errors['email'] = __( 'This email address does not look right.', 'firm-widgets' );
	}
	if ( '' !== $m['phone'] && ( ! preg_match( '/^\+?[0-9().\s-]+((x|ext\.?)\s*[0-9]+)?$/i', $m['phone'] ) || preg_match_all( '/[0-9]/', $m['phone'] ) < 7 ) ) {
		$errors['phone'] = __( 'This phone number does not look right.', 'firm-widgets' );
	}
	if ( '' === $m['message'] ) {
		$errors['message'] = __( 'Please write your message.', 'firm-widgets' );
	}
	if ( ! $m['consent'] ) {
		$errors['consent'] = __( 'Please confirm that you have read the notice.', 'firm-widgets' );
	}
	foreach ( $max as $field => $length ) {
		if ( ! isset( $errors[ $field ] ) && mb_strlen( $m[ $field ] ) > $length ) {
			/* translators: %d: the most characters allowed */
			$errors[ $field ] = sprintf( __( 'Please keep this under %d characters.', 'firm-widgets' ), $length );
		}
	}
	return $errors;
}

/** The most characters each field may hold (the page address is cut to fit, never refused). */
function firm_widgets_message_limits() {
	return array( 'name' => 200, 'email' => 254, 'phone' => 40, 'language' => 35, 'topic' => 200, 'message' => 5000 );
}

/**
 * A visitor's text as HTML that shows that text: what is stored in a message's title and content,
 * so nothing that renders a post (a theme, a feed, another plugin) can turn it into markup or run
 * a shortcode from it. The brackets are written as numeric entities in the form kses keeps them.
 * firm_widgets_from_text() gives back exactly what was typed.
 */
function firm_widgets_as_text( $text ) {
	return strtr( (string) $text, firm_widgets_text_entities() );
}

/** What firm_widgets_as_text() stored, back as the text that was typed. */
function firm_widgets_from_text( $html ) {
	return strtr( (string) $html, array_flip( firm_widgets_text_entities() ) );
}

/** Character → the entity it is stored as (strtr() replaces in one pass, so the pair is exact). */
function firm_widgets_text_entities() {
	return array(
		'&'  => '&amp;',
		'<'  => '&lt;',
		'>'  => '&gt;',
		'"'  => '&quot;',
		"'"  => '&#039;',
		'['  => '&#091;',
		']'  => '&#093;',
	);
}

/** The page a message was sent from, without its query string and fragment (tokens, searches). */
function firm_widgets_page_address( $page ) {
	return preg_replace( '/[?#].*$/s', '', (string) $page );
}

/** POST /firm-widgets/v1/messages. */
function firm_widgets_receive_message( WP_REST_Request $request ) {
	$m = array();
	foreach ( array( 'name', 'email', 'phone', 'language', 'topic', 'message', 'page' ) as $field ) {
		$m[ $field ] = firm_widgets_param( $request, $field );
	}
	$m['consent'] = in_array( $request->get_param( 'consent' ), array( true, 1, '1', 'true', 'on', 'yes' ), true );
	$m['key']     = substr( preg_replace( '/[^A-Za-z0-9_-]/', '', (string) $request->get_param( 'key' ) ), 0, 64 );
	$spam         = firm_widgets_guard_failure( $request );
	// A visitor cannot shorten the address they wrote from: keep its start rather than refuse it.
	$m['page'] = mb_substr( firm_widgets_page_address( $m['page'] ), 0, 2000 );
	if ( $spam ) {
		// Spam skips the field checks, not the limits: a bot cannot fill the database.
		foreach ( firm_widgets_message_limits() as $field => $length ) {
			$m[ $field ] = mb_substr( $m[ $field ], 0, $length );
		}
	}

	// A bot learns nothing: the guard is checked before the fields, and its answer looks like success.
	if ( ! $spam ) {
		$errors = firm_widgets_message_errors( $m );
		if ( $errors ) {
			return new WP_Error(
				'firm_invalid',
				__( 'Some fields need attention.', 'firm-widgets' ),
				array( 'status' => 400, 'fields' => $errors )
			);
		}
	}

	// "Try again" after a timeout may resend a message the site already stored: answer with that one.
	// An edited message is a new one: the key and every field must match. The limit comes before
	// that look-up, so nobody tries keys faster than they may send messages; but only what is about
	// to be stored is counted: a refused form or a resend does not use up the quota.
	$same  = 0;
	$retry = firm_widgets_rate_limit(
		firm_widgets_client_ip(),
		function () use ( $m, &$same ) {
			$same = firm_widgets_message_by_key( $m );
			return $same > 0;
		}
	);
	if ( $retry ) {
		return firm_widgets_rate_limited( $retry );
	}
	if ( $same ) {
		return new WP_REST_Response( array( 'id' => $same, 'status' => 'received', 'mailed' => true ), 201 );
	}

	$id = firm_widgets_store_message( $m, $spam );
	if ( is_wp_error( $id ) ) {
		$id->add_data( array( 'status' => 500 ) );
		return $id;
	}
	// Possible spam is kept (a person who typed fast is not lost) but mailed only once released.
	$mailed = $spam ? true : firm_widgets_mail_message( $id, $m );
	return new WP_REST_Response(
		array(
			'id'     => $id,
			'status' => 'received',
			'mailed' => $mailed,
		),
		201
	);
}

/** 429 with Retry-After: the address sent its share of messages for now. */
function firm_widgets_rate_limited( $retry ) {
	$response = rest_convert_error_to_response(
		new WP_Error(
			'firm_rate_limited',
			__( 'Too many messages from your address. Please try again later.', 'firm-widgets' ),
			array( 'status' => 429, 'retry_after' => $retry )
		)
	);
	$response->header( 'Retry-After', (string) $retry );
	return $response;
}

/** A digest of what the visitor wrote, so a resend is told apart from an edited message. */
function firm_widgets_message_digest( $m ) {
	$fields = array();
	foreach ( array( 'name', 'email', 'phone', 'language', 'topic', 'message' ) as $field ) {
		$fields[] = $m[ $field ];
	}
	return hash( 'sha256', (string) wp_json_encode( $fields ) );
}

/**
 * The message stored in the last day with the same key (sent by the form, the same on every try
 * of one message) and the same content; 0 when there is none.
 *
 * @param array $m The message.
 * @return int
 */
function firm_widgets_message_by_key( $m ) {
	if ( '' === $m['key'] ) {
		return 0;
	}
	$ids = get_posts(
		array(
			'post_type'   => 'firm_message',
			'post_status' => array( 'private', FIRM_WIDGETS_SPAM_STATUS ),
			'numberposts' => 1,
			'fields'      => 'ids',
			'date_query'  => array( array( 'after' => '1 day ago' ) ),
			'meta_query'  => array( // phpcs:ignore WordPress.DB.SlowDBQuery -- one lookup per send
				array( 'key' => '_firm_key', 'value' => $m['key'] ),
				array( 'key' => '_firm_digest', 'value' => firm_widgets_message_digest( $m ) ),
			),
		)
	);
	return $ids ? (int) $ids[0] : 0;
}

/**
 * Stores the message: the fields exactly as typed in its details (post meta, never rendered), its
 * title and text as HTML-safe text (see firm_widgets_as_text()).
 */
function firm_widgets_store_message( $m, $spam ) {
	$title = $m['name'] ? $m['name'] : __( '(no name)', 'firm-widgets' );
	if ( $m['topic'] ) {
		$title .= ' — ' . $m['topic'];
	}
	$meta = array(
		'_firm_name'     => $m['name'],
		'_firm_email'    => $m['email'],
		'_firm_phone'    => $m['phone'],
		'_firm_language' => $m['language'],
		'_firm_topic'    => $m['topic'],
		'_firm_page'     => esc_url_raw( $m['page'] ),
		'_firm_consent'  => $m['consent'] ? gmdate( 'c' ) : '',
		'_firm_mail'     => $spam ? 'not sent: spam' : 'pending',
		'_firm_key'      => $m['key'],
		'_firm_digest'   => firm_widgets_message_digest( $m ),
	);
	if ( $spam ) {
		$meta['_firm_spam'] = $spam;
	}
	return wp_insert_post(
		wp_slash(
			array(
				'post_type'    => 'firm_message',
				'post_status'  => $spam ? FIRM_WIDGETS_SPAM_STATUS : 'private',
				'post_title'   => firm_widgets_as_text( $title ),
				'post_content' => firm_widgets_as_text( $m['message'] ),
				'post_author'  => 0,
				'meta_input'   => $meta,
			)
		),
		true
	);
}

/** A stored message's fields as the visitor typed them. */
function firm_widgets_stored_message( $id ) {
	$m = array( 'message' => firm_widgets_from_text( get_post_field( 'post_content', $id ) ) );
	foreach ( array( 'name', 'email', 'phone', 'language', 'topic', 'page' ) as $field ) {
		$m[ $field ] = (string) get_post_meta( $id, '_firm_' . $field, true );
	}
	return $m;
}

/** The address messages go to. */
function firm_widgets_message_recipient() {
	$o = firm_widgets_options();
	foreach ( array( $o['message_to'], $o['email'], get_option( 'admin_email' ) ) as $to ) {
		if ( $to && is_email( $to ) ) {
			return $to;
		}
	}
	return '';
}

/** Text for one line of a mail header: line breaks and tabs become spaces. */
function firm_widgets_one_line( $text ) {
	return trim( preg_replace( '/[\r\n\t\v\f]+/', ' ', (string) $text ) );
}

/** Mails a stored message to the firm and writes the outcome on it. */
function firm_widgets_mail_message( $id, $m ) {
	$to    = firm_widgets_message_recipient();
	$error = '';
	$catch = function ( $e ) use ( &$error ) {
		$error = $e->get_error_message();
	};
	add_action( 'wp_mail_failed', $catch );
	$lines = array(
		/* translators: %s: the sender's name */
		sprintf( __( 'Name: %s', 'firm-widgets' ), $m['name'] ),
		/* translators: %s: the sender's email */
		sprintf( __( 'Email: %s', 'firm-widgets' ), $m['email'] ),
		/* translators: %s: the sender's phone */
		sprintf( __( 'Phone: %s', 'firm-widgets' ), $m['phone'] ),
		/* translators: %s: the language the sender prefers */
		sprintf( __( 'Language: %s', 'firm-widgets' ), $m['language'] ),
		/* translators: %s: the topic */
		sprintf( __( 'Topic: %s', 'firm-widgets' ), $m['topic'] ),
		/* translators: %s: the page the message was sent from */
		sprintf( __( 'Sent from: %s', 'firm-widgets' ), firm_widgets_page_address( $m['page'] ) ),
		'',
		$m['message'],
		'',
		/* translators: %s: link to the stored message */
		sprintf( __( 'Kept under Messages: %s', 'firm-widgets' ), admin_url( 'post.php?post=' . $id . '&action=edit' ) ),
	);
	// Plain text whatever an HTML-mail plugin sets site-wide: a visitor's words never become markup.
	$headers = array( 'Content-Type: text/plain; charset=UTF-8' );
	if ( $m['email'] && is_email( $m['email'] ) ) {
		$headers[] = 'Reply-To: ' . sanitize_email( $m['email'] );
	}
	$subject = sprintf(
		/* translators: 1: site name, 2: sender's name */
		__( '[%1$s] Message from %2$s', 'firm-widgets' ),
		wp_specialchars_decode( get_bloginfo( 'name' ), ENT_QUOTES ),
		$m['name']
	);
	$sent = $to && wp_mail( $to, firm_widgets_one_line( $subject ), implode( "\n", $lines ), $headers );
	remove_action( 'wp_mail_failed', $catch );
	update_post_meta( $id, '_firm_mail', $sent ? 'sent' : 'failed: ' . ( $error ? $error : ( $to ? 'wp_mail returned false' : 'no recipient' ) ) );
	return (bool) $sent;
}

function firm_widgets_message_columns( $columns ) {
	$date = $columns['date'];
	unset( $columns['date'] );
	return array_merge(
		$columns,
		array(
			'firm_contact'  => __( 'Contact', 'firm-widgets' ),
			'firm_language' => __( 'Language', 'firm-widgets' ),
			'firm_mail'     => __( 'Mail', 'firm-widgets' ),
			'date'          => $date,
		)
	);
}

function firm_widgets_message_column( $column, $post_id ) {
	switch ( $column ) {
		case 'firm_contact':
			echo esc_html( trim( get_post_meta( $post_id, '_firm_email', true ) . ' ' . get_post_meta( $post_id, '_firm_phone', true ) ) );
			break;
		case 'firm_language':
			echo esc_html( get_post_meta( $post_id, '_firm_language', true ) );
			break;
		case 'firm_mail':
			$spam = get_post_meta( $post_id, '_firm_spam', true );
			/* translators: %s: why the spam guard flagged the message, such as "too fast" */
			echo esc_html( $spam ? sprintf( __( 'possible spam (%s)', 'firm-widgets' ), $spam ) : get_post_meta( $post_id, '_firm_mail', true ) );
			break;
	}
}

/** The link that releases a possible spam message: it is mailed and joins the others. */
function firm_widgets_release_url( $post_id ) {
	return wp_nonce_url( admin_url( 'admin-post.php?action=firm_widgets_release&post=' . (int) $post_id ), 'firm_widgets_release_' . (int) $post_id );
}

/** Messages are read, not edited: no Quick Edit; "Not spam" on possible spam. */
function firm_widgets_message_row_actions( $actions, $post ) {
	if ( 'firm_message' !== $post->post_type ) {
		return $actions;
	}
	unset( $actions['inline hide-if-no-js'] );
	if ( FIRM_WIDGETS_SPAM_STATUS === $post->post_status && current_user_can( 'edit_post', $post->ID ) ) {
		$actions = array(
			'firm_release' => sprintf(
				'<a href="%s" aria-label="%s">%s</a>',
				esc_url( firm_widgets_release_url( $post->ID ) ),
				/* translators: %s: the message's title */
				esc_attr( sprintf( __( 'Not spam: mail “%s” to the firm', 'firm-widgets' ), firm_widgets_from_text( $post->post_title ) ) ),
				esc_html__( 'Not spam: send it', 'firm-widgets' )
			),
		) + $actions;
	}
	return $actions;
}

/** admin-post.php?action=firm_widgets_release: possible spam becomes a message, and is mailed. */
function firm_widgets_release_message() {
	$id = isset( $_GET['post'] ) ? absint( $_GET['post'] ) : 0;
	check_admin_referer( 'firm_widgets_release_' . $id );
	if ( ! $id || 'firm_message' !== get_post_type( $id ) || ! current_user_can( 'edit_post', $id ) ) {
		wp_die( esc_html__( 'You cannot release this message.', 'firm-widgets' ), 403 );
	}
	$mailed = false;
	if ( FIRM_WIDGETS_SPAM_STATUS === get_post_status( $id ) ) {
		wp_update_post( array( 'ID' => $id, 'post_status' => 'private' ) );
		update_post_meta( $id, '_firm_released', gmdate( 'c' ) . ' ' . wp_get_current_user()->user_login );
		delete_post_meta( $id, '_firm_spam' );
		$mailed = firm_widgets_mail_message( $id, firm_widgets_stored_message( $id ) );
	}
	wp_safe_redirect( admin_url( 'edit.php?post_type=firm_message&firm_released=' . ( $mailed ? 'mailed' : 'failed' ) ) );
	exit;
}

function firm_widgets_release_notice() {
	$screen = get_current_screen();
	if ( ! $screen || 'edit-firm_message' !== $screen->id || empty( $_GET['firm_released'] ) ) { // phpcs:ignore WordPress.Security.NonceVerification -- only chooses which notice to show.
		return;
	}
	$mailed = 'mailed' === $_GET['firm_released']; // phpcs:ignore WordPress.Security.NonceVerification
	printf(
		'<div class="notice %s is-dismissible"><p>%s</p></div>',
		esc_attr( $mailed ? 'notice-success' : 'notice-warning' ),
		esc_html( $mailed ? __( 'The message was released and mailed to the firm.', 'firm-widgets' ) : __( 'The message was released, but the mail failed: see its Mail column.', 'firm-widgets' ) )
	);
}

/** The message, read-only: its details and text; no editing box (messages come from visitors). */
function firm_widgets_message_box() {
	remove_meta_box( 'submitdiv', 'firm_message', 'side' );
	add_meta_box( 'firm-widgets-message', __( 'Message', 'firm-widgets' ), 'firm_widgets_render_message_box', 'firm_message', 'normal', 'high' );
	add_meta_box( 'firm-widgets-message-actions', __( 'Actions', 'firm-widgets' ), 'firm_widgets_render_message_actions', 'firm_message', 'side', 'high' );
}

function firm_widgets_render_message_box( $post ) {
	$rows = array(
		__( 'Email', 'firm-widgets' )     => get_post_meta( $post->ID, '_firm_email', true ),
		__( 'Phone', 'firm-widgets' )     => get_post_meta( $post->ID, '_firm_phone', true ),
		__( 'Language', 'firm-widgets' )  => get_post_meta( $post->ID, '_firm_language', true ),
		__( 'Topic', 'firm-widgets' )     => get_post_meta( $post->ID, '_firm_topic', true ),
		__( 'Sent from', 'firm-widgets' ) => firm_widgets_page_address( get_post_meta( $post->ID, '_firm_page', true ) ),
		__( 'Consent', 'firm-widgets' )   => get_post_meta( $post->ID, '_firm_consent', true ),
		__( 'Mail', 'firm-widgets' )      => get_post_meta( $post->ID, '_firm_mail', true ),
		__( 'Possible spam', 'firm-widgets' ) => get_post_meta( $post->ID, '_firm_spam', true ),
	);
	echo '<table class="widefat striped"><tbody>';
	foreach ( $rows as $label => $value ) {
		if ( '' !== $value ) {
			echo '<tr><th scope="row">' . esc_html( $label ) . '</th><td>' . firm_widgets_as_text( $value ) . '</td></tr>'; // phpcs:ignore WordPress.Security.EscapeOutput -- firm_widgets_as_text() escapes every special character.
		}
	}
	// esc_html() would leave an "&amp;" the visitor typed as it is, and the page would show "&".
	echo '</tbody></table><div class="firm-widgets-message-text">' . nl2br( firm_widgets_as_text( firm_widgets_from_text( $post->post_content ) ) ) . '</div>'; // phpcs:ignore WordPress.Security.EscapeOutput -- as above.
}

function firm_widgets_render_message_actions( $post ) {
	if ( FIRM_WIDGETS_SPAM_STATUS === $post->post_status ) {
		echo '<p>' . esc_html__( 'The spam guard flagged this message, so it was not mailed.', 'firm-widgets' ) . '</p>';
		echo '<p><a class="button button-primary" href="' . esc_url( firm_widgets_release_url( $post->ID ) ) . '">' . esc_html__( 'Not spam: send it', 'firm-widgets' ) . '</a></p>';
	}
	if ( current_user_can( 'delete_post', $post->ID ) ) {
		echo '<p><a class="submitdelete deletion" href="' . esc_url( get_delete_post_link( $post->ID ) ) . '">' . esc_html__( 'Move to Trash', 'firm-widgets' ) . '</a></p>';
	}
}
