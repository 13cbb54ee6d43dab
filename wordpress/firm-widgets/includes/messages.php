<?php
/**
 * Contact messages: `POST /wp-json/firm-widgets/v1/messages`, public and nonce-free so it works on
 * cached pages. Each message is stored first, as a private `firm_message` post listed under
 * "Messages", then mailed; a mail failure is written on the message, which stays.
 *
 * @package FirmWidgets
 */

defined( 'ABSPATH' ) || exit;

add_action( 'init', 'firm_widgets_register_message_type' );
add_action( 'rest_api_init', 'firm_widgets_register_message_route' );
add_action( 'add_meta_boxes_firm_message', 'firm_widgets_message_box' );
add_filter( 'manage_firm_message_posts_columns', 'firm_widgets_message_columns' );
add_action( 'manage_firm_message_posts_custom_column', 'firm_widgets_message_column', 10, 2 );

/** Who may read messages: they hold visitors' personal details. */
function firm_widgets_message_capability() {
	/**
	 * Filters the capability needed to read and delete contact messages.
	 *
	 * @param string $capability Default `manage_options`.
	 */
	return apply_filters( 'firm_widgets_message_capability', 'manage_options' );
}

function firm_widgets_register_message_type() {
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
			'can_export'          => true,
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

/** The sender's address. Behind a reverse proxy, hook this filter to read the proxy's header. */
function firm_widgets_client_ip() {
	$ip = isset( $_SERVER['REMOTE_ADDR'] ) ? (string) $_SERVER['REMOTE_ADDR'] : '';
	/**
	 * Filters the address the message rate limit counts by.
	 *
	 * @param string $ip REMOTE_ADDR.
	 */
	return (string) apply_filters( 'firm_widgets_client_ip', $ip );
}

/**
 * Counts one message for `$ip`. Returns 0 when it may go, else the seconds until it may. A database
 * lock makes the count exact when many requests arrive at once.
 */
function firm_widgets_rate_limit( $ip ) {
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
		return 0;
	}
	// A keyed hash: the address itself is never stored.
	$key    = 'firm_rl_' . substr( hash_hmac( 'sha256', $ip, wp_salt( 'nonce' ) ), 0, 24 );
	$locked = $wpdb->get_var( $wpdb->prepare( 'SELECT GET_LOCK(%s, 10)', $key ) );
	try {
		$now   = time();
		$times = array_values( array_filter( (array) get_transient( $key ), fn( $t ) => (int) $t > $now - $window ) );
		if ( count( $times ) >= $limit ) {
			return max( 1, min( $times ) + $window - $now );
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

/** POST /firm-widgets/v1/messages. */
function firm_widgets_receive_message( WP_REST_Request $request ) {
	$retry = firm_widgets_rate_limit( firm_widgets_client_ip() );
	if ( $retry ) {
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

	$m = array();
	foreach ( array( 'name', 'email', 'phone', 'language', 'topic', 'message', 'page' ) as $field ) {
		$m[ $field ] = firm_widgets_param( $request, $field );
	}
	$m['consent'] = in_array( $request->get_param( 'consent' ), array( true, 1, '1', 'true', 'on', 'yes' ), true );
	$m['key']     = substr( preg_replace( '/[^A-Za-z0-9_-]/', '', (string) $request->get_param( 'key' ) ), 0, 64 );
	$spam         = firm_widgets_guard_failure( $request );
	// A visitor cannot shorten the address they wrote from: keep its start rather than refuse it.
	$m['page'] = mb_substr( $m['page'], 0, 2000 );
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
	$same = firm_widgets_message_by_key( $m );
	if ( $same ) {
		return new WP_REST_Response( array( 'id' => $same, 'status' => 'received', 'mailed' => true ), 201 );
	}

	$id = firm_widgets_store_message( $m, $spam );
	if ( is_wp_error( $id ) ) {
		$id->add_data( array( 'status' => 500 ) );
		return $id;
	}
	// Spam is kept (a person who typed fast is not lost) but never mailed.
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

/**
 * The message stored in the last day with the same key (sent by the form, the same on every try
 * of one message) from the same email and phone; 0 when there is none.
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
			'post_status' => 'private',
			'numberposts' => 1,
			'fields'      => 'ids',
			'date_query'  => array( array( 'after' => '1 day ago' ) ),
			'meta_query'  => array( // phpcs:ignore WordPress.DB.SlowDBQuery -- one lookup per send
				array( 'key' => '_firm_key', 'value' => $m['key'] ),
				array( 'key' => '_firm_email', 'value' => $m['email'] ),
				array( 'key' => '_firm_phone', 'value' => $m['phone'] ),
			),
		)
	);
	return $ids ? (int) $ids[0] : 0;
}

/** Stores the message exactly as typed; it is only ever printed escaped. */
function firm_widgets_store_message( $m, $spam ) {
	$title = $m['name'] ? $m['name'] : __( '(no name)', 'firm-widgets' );
	if ( $m['topic'] ) {
		$title .= ' — ' . $m['topic'];
	}
	$meta = array(
		'_firm_email'    => $m['email'],
		'_firm_phone'    => $m['phone'],
		'_firm_language' => $m['language'],
		'_firm_topic'    => $m['topic'],
		'_firm_page'     => esc_url_raw( $m['page'] ),
		'_firm_consent'  => $m['consent'] ? gmdate( 'c' ) : '',
		'_firm_mail'     => $spam ? 'not sent: spam' : 'pending',
		'_firm_key'      => $m['key'],
	);
	if ( $spam ) {
		$meta['_firm_spam'] = $spam;
	}
	// kses would strip anything that looks like a tag from what the visitor wrote.
	$kses = false !== has_filter( 'content_save_pre', 'wp_filter_post_kses' );
	if ( $kses ) {
		kses_remove_filters();
	}
	$id = wp_insert_post(
		wp_slash(
			array(
				'post_type'    => 'firm_message',
				'post_status'  => 'private',
				'post_title'   => $title,
				'post_content' => $m['message'],
				'post_author'  => 0,
				'meta_input'   => $meta,
			)
		),
		true
	);
	if ( $kses ) {
		kses_init_filters();
	}
	return $id;
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
		sprintf( __( 'Sent from: %s', 'firm-widgets' ), $m['page'] ),
		'',
		$m['message'],
		'',
		/* translators: %s: link to the stored message */
		sprintf( __( 'Kept under Messages: %s', 'firm-widgets' ), admin_url( 'post.php?post=' . $id . '&action=edit' ) ),
	);
	$headers = $m['email'] && is_email( $m['email'] ) ? array( 'Reply-To: ' . sanitize_email( $m['email'] ) ) : array();
	$sent    = $to && wp_mail(
		$to,
		/* translators: 1: site name, 2: sender's name */
		sprintf( __( '[%1$s] Message from %2$s', 'firm-widgets' ), wp_specialchars_decode( get_bloginfo( 'name' ), ENT_QUOTES ), $m['name'] ),
		implode( "\n", $lines ),
		$headers
	);
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
			echo esc_html( $spam ? sprintf( /* translators: %s: why */ __( 'spam (%s)', 'firm-widgets' ), $spam ) : get_post_meta( $post_id, '_firm_mail', true ) );
			break;
	}
}

function firm_widgets_message_box() {
	add_meta_box( 'firm-widgets-message', __( 'Message', 'firm-widgets' ), 'firm_widgets_render_message_box', 'firm_message', 'normal', 'high' );
}

function firm_widgets_render_message_box( $post ) {
	$rows = array(
		__( 'Email', 'firm-widgets' )    => get_post_meta( $post->ID, '_firm_email', true ),
		__( 'Phone', 'firm-widgets' )    => get_post_meta( $post->ID, '_firm_phone', true ),
		__( 'Language', 'firm-widgets' ) => get_post_meta( $post->ID, '_firm_language', true ),
		__( 'Topic', 'firm-widgets' )    => get_post_meta( $post->ID, '_firm_topic', true ),
		__( 'Sent from', 'firm-widgets' ) => get_post_meta( $post->ID, '_firm_page', true ),
		__( 'Consent', 'firm-widgets' )  => get_post_meta( $post->ID, '_firm_consent', true ),
		__( 'Mail', 'firm-widgets' )     => get_post_meta( $post->ID, '_firm_mail', true ),
		__( 'Spam', 'firm-widgets' )     => get_post_meta( $post->ID, '_firm_spam', true ),
	);
	echo '<table class="widefat striped"><tbody>';
	foreach ( $rows as $label => $value ) {
		if ( '' !== $value ) {
			echo '<tr><th scope="row">' . esc_html( $label ) . '</th><td>' . esc_html( $value ) . '</td></tr>';
		}
	}
	echo '</tbody></table><div class="firm-widgets-message-text">' . nl2br( esc_html( $post->post_content ) ) . '</div>';
}
