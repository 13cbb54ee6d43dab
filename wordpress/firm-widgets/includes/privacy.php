<?php
/**
 * What WordPress's privacy tools need from a plugin that keeps visitors' messages: an exporter and
 * an eraser for them (Tools → Export / Erase Personal Data, matched on the email), suggested text
 * for the privacy policy, and a retention period after which messages and possible spam are
 * deleted by a daily scheduled event.
 *
 * @package FirmWidgets
 */

defined( 'ABSPATH' ) || exit;

add_filter( 'wp_privacy_personal_data_exporters', 'firm_widgets_register_exporter' );
add_filter( 'wp_privacy_personal_data_erasers', 'firm_widgets_register_eraser' );
add_action( 'admin_init', 'firm_widgets_privacy_policy_text' );
add_action( 'init', 'firm_widgets_schedule_retention' );
add_action( 'firm_widgets_retention', 'firm_widgets_apply_retention' );
add_action( 'firm_widgets_retention_backlog', 'firm_widgets_apply_retention' );

/** Messages handled per call of the exporter or eraser (WordPress calls again for the next page). */
const FIRM_WIDGETS_PRIVACY_PAGE = 50;

/** Messages read and deleted per query of the retention event. */
const FIRM_WIDGETS_RETENTION_BATCH = 200;

/**
 * How long one run of the retention event may go on deleting batches (seconds): well inside PHP's
 * usual 30-second limit for a WP-Cron request.
 */
const FIRM_WIDGETS_RETENTION_SECONDS = 20;

/** When a run stops with messages still due, the next run comes this soon (seconds). */
const FIRM_WIDGETS_RETENTION_AGAIN = 60;

function firm_widgets_register_exporter( $exporters ) {
	$exporters['firm-widgets-messages'] = array(
		'exporter_friendly_name' => __( 'Firm Widgets contact messages', 'firm-widgets' ),
		'callback'               => 'firm_widgets_privacy_export',
	);
	return $exporters;
}

function firm_widgets_register_eraser( $erasers ) {
	$erasers['firm-widgets-messages'] = array(
		'eraser_friendly_name' => __( 'Firm Widgets contact messages', 'firm-widgets' ),
		'callback'             => 'firm_widgets_privacy_erase',
	);
	return $erasers;
}

/**
 * The ids of the messages (possible spam and the trash too) sent with `$email`.
 *
 * @param string $email The person's email.
 * @param int    $page  1 for the first page.
 * @param int[]  $skip  Ids to leave out (messages that could not be erased).
 * @return int[]
 */
function firm_widgets_messages_from( $email, $page, $skip = array() ) {
	if ( ! is_email( $email ) ) {
		return array();
	}
	return get_posts(
		array(
			'post_type'        => 'firm_message',
			// 'any' would leave out possible spam and the trash.
			'post_status'      => array( 'private', 'publish', 'trash', FIRM_WIDGETS_SPAM_STATUS ),
			'numberposts'      => FIRM_WIDGETS_PRIVACY_PAGE,
			'paged'            => max( 1, (int) $page ),
			'post__not_in'     => array_map( 'intval', $skip ),
			'fields'           => 'ids',
			'orderby'          => 'ID',
			'order'            => 'ASC',
			'suppress_filters' => true,
			'meta_query'       => array( // phpcs:ignore WordPress.DB.SlowDBQuery -- only when a privacy request is processed
				array(
					'key'     => '_firm_email',
					'value'   => $email,
					'compare' => '=',
				),
			),
		)
	);
}

/**
 * Tools → Export Personal Data: each message sent with this email, every field as typed.
 *
 * @param string $email The person's email.
 * @param int    $page  1 on the first call.
 * @return array
 */
function firm_widgets_privacy_export( $email, $page = 1 ) {
	$items = array();
	foreach ( firm_widgets_messages_from( $email, $page ) as $id ) {
		$m      = firm_widgets_stored_message( $id );
		$fields = array(
			__( 'Sent', 'firm-widgets' )      => get_post_time( 'c', true, $id ),
			__( 'Name', 'firm-widgets' )      => $m['name'],
			__( 'Email', 'firm-widgets' )     => $m['email'],
			__( 'Phone', 'firm-widgets' )     => $m['phone'],
			__( 'Language', 'firm-widgets' )  => $m['language'],
			__( 'Topic', 'firm-widgets' )     => $m['topic'],
			__( 'Message', 'firm-widgets' )   => $m['message'],
			__( 'Sent from', 'firm-widgets' ) => $m['page'],
			__( 'Consent', 'firm-widgets' )   => get_post_meta( $id, '_firm_consent', true ),
		);
		$data   = array();
		foreach ( $fields as $name => $value ) {
			if ( '' !== (string) $value ) {
				// The export is an HTML page: what the visitor typed is shown as text.
				$data[] = array(
					'name'  => $name,
					'value' => firm_widgets_as_text( $value ),
				);
			}
		}
		$items[] = array(
			'group_id'          => 'firm-widgets-messages',
			'group_label'       => __( 'Contact messages', 'firm-widgets' ),
			'group_description' => __( 'Messages sent to the firm through the contact form.', 'firm-widgets' ),
			'item_id'           => 'firm-message-' . $id,
			'data'              => $data,
		);
	}
	return array(
		'data' => $items,
		'done' => count( $items ) < FIRM_WIDGETS_PRIVACY_PAGE,
	);
}

/**
 * Tools → Erase Personal Data: every message sent with this email is deleted (its details go with
 * it). WordPress calls again, with the next page, until `done`: what was deleted no longer counts,
 * so each call reads the first page again, leaving out the messages that could not be deleted
 * (remembered for the request's calls), each of which is reported once as retained. Every call
 * deletes or sets aside each message it reads, so the calls end.
 *
 * @param string $email The person's email.
 * @param int    $page  1 on the first call of a request.
 * @return array
 */
function firm_widgets_privacy_erase( $email, $page = 1 ) {
	$kept_key = 'firm_widgets_erase_kept_' . md5( strtolower( (string) $email ) );
	$known    = 1 === (int) $page ? array() : get_transient( $kept_key );
	// Lost between calls (an evicted object cache): a call that deletes nothing then ends it.
	$lost     = false === $known;
	$kept     = is_array( $known ) ? $known : array();
	$ids      = firm_widgets_messages_from( $email, 1, $kept );
	$removed  = 0;
	$messages = array();
	foreach ( $ids as $id ) {
		if ( wp_delete_post( $id, true ) ) {
			++$removed;
			continue;
		}
		$kept[]     = (int) $id;
		$messages[] = sprintf(
			/* translators: %d: the message's number, as under Messages */
			__( 'Contact message %d could not be deleted. Please delete it under Messages.', 'firm-widgets' ),
			$id
		);
	}
	$done = count( $ids ) < FIRM_WIDGETS_PRIVACY_PAGE || ( $lost && 0 === $removed );
	if ( $done ) {
		delete_transient( $kept_key );
	} else {
		set_transient( $kept_key, $kept, HOUR_IN_SECONDS );
	}
	return array(
		'items_removed'  => $removed > 0,
		'items_retained' => count( $messages ) > 0,
		'messages'       => $messages,
		'done'           => $done,
	);
}

/** Settings → Privacy: what the plugin keeps, where, and for how long. */
function firm_widgets_privacy_policy_text() {
	if ( ! function_exists( 'wp_add_privacy_policy_content' ) ) {
		return;
	}
	$o    = firm_widgets_options();
	$days = (int) $o['retention_days'];
	$text = array(
		__( 'When you send a message through the contact form, we keep what you wrote (your name, email, phone, preferred language, topic and message), the page you sent it from (without its query string) and the time you confirmed our notice. It is kept on this website, readable only by our staff, and sent to us by email.', 'firm-widgets' ),
		$days > 0
			/* translators: %d: number of days */
			? sprintf( _n( 'Messages are deleted %d day after they arrive.', 'Messages are deleted %d days after they arrive.', $days, 'firm-widgets' ), $days )
			: __( 'Messages are kept until we delete them.', 'firm-widgets' ),
		__( 'To limit abuse, we count messages per internet address for a few minutes; the address is kept only as a keyed hash, and the count is then deleted.', 'firm-widgets' ),
		__( 'While you type, the form keeps a copy of your words in your browser tab (session storage) so a reload loses nothing; it is deleted once we have your message, when you discard it, or when you close the tab.', 'firm-widgets' ),
		__( 'Comments go through WordPress\'s own comments, with the name, email and website you give.', 'firm-widgets' ),
		__( 'You can ask us for a copy of the messages you sent, or for their deletion, using the email address you sent them with.', 'firm-widgets' ),
	);
	wp_add_privacy_policy_content( __( 'Firm Widgets', 'firm-widgets' ), wp_kses_post( wpautop( implode( "\n\n", $text ) ) ) );
}

/** The daily event that applies the retention setting. */
function firm_widgets_schedule_retention() {
	if ( ! wp_next_scheduled( 'firm_widgets_retention' ) ) {
		wp_schedule_event( time() + HOUR_IN_SECONDS, 'daily', 'firm_widgets_retention' );
	}
}

/**
 * Deletes messages older than "Delete messages after" days, and possible spam older than "Delete
 * possible spam after" days (0: kept), batch after batch for up to FIRM_WIDGETS_RETENTION_SECONDS;
 * when more are due after that (a backlog, such as the first run on a site with years of
 * messages), another run is scheduled a minute later, until none are left. Returns how many went.
 */
function firm_widgets_apply_retention() {
	$o       = firm_widgets_options();
	$removed = 0;
	/**
	 * Filters how long one run of the retention event may go on deleting, in seconds.
	 *
	 * @param int $seconds Default 20; the first batch is always deleted.
	 */
	$until = microtime( true ) + (float) apply_filters( 'firm_widgets_retention_seconds', FIRM_WIDGETS_RETENTION_SECONDS );
	$rules = array(
		'private'                => (int) $o['retention_days'],
		FIRM_WIDGETS_SPAM_STATUS => (int) $o['spam_retention_days'],
	);
	$more  = false;
	foreach ( $rules as $status => $days ) {
		if ( $days <= 0 ) {
			continue;
		}
		$before = gmdate( 'Y-m-d H:i:s', time() - $days * DAY_IN_SECONDS );
		do {
			if ( $removed > 0 && microtime( true ) > $until ) {
				$more = true;
				break;
			}
			$ids = firm_widgets_messages_due( $status, $before );
			$gone = 0;
			foreach ( $ids as $id ) {
				if ( wp_delete_post( $id, true ) ) {
					++$gone;
				}
			}
			$removed += $gone;
			// A full batch means more may be due; a batch nothing of which could be deleted would
			// come back the same, so it ends the run.
		} while ( count( $ids ) === FIRM_WIDGETS_RETENTION_BATCH && $gone > 0 );
	}
	if ( $more && ! wp_next_scheduled( 'firm_widgets_retention_backlog' ) ) {
		wp_schedule_single_event( time() + FIRM_WIDGETS_RETENTION_AGAIN, 'firm_widgets_retention_backlog' );
	}
	return $removed;
}

/**
 * Up to a batch of messages with `$status` that arrived before `$before` (GMT).
 *
 * @return int[]
 */
function firm_widgets_messages_due( $status, $before ) {
	return get_posts(
		array(
			'post_type'        => 'firm_message',
			'post_status'      => $status,
			'numberposts'      => FIRM_WIDGETS_RETENTION_BATCH,
			'fields'           => 'ids',
			'orderby'          => 'ID',
			'order'            => 'ASC',
			'suppress_filters' => true,
			'date_query'       => array(
				array(
					'column' => 'post_date_gmt',
					'before' => $before,
				),
			),
		)
	);
}
