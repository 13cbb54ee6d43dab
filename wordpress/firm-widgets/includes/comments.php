<?php
/**
 * Comments through `<firm-comments source="wordpress">`: anonymous REST comments where the element
 * is shown and the site allows anonymous comments at all, WordPress's own checks on every one, and
 * the spam guard's fields checked here, a failure marking the comment as spam without telling the
 * sender.
 *
 * @package FirmWidgets
 */

defined( 'ABSPATH' ) || exit;

add_filter( 'rest_allow_anonymous_comments', 'firm_widgets_allow_anonymous', 10, 2 );
add_filter( 'rest_preprocess_comment', 'firm_widgets_guard_comment', 10, 2 );
add_filter( 'pre_comment_approved', 'firm_widgets_spam_verdict', 99, 2 );
add_action( 'rest_insert_comment', 'firm_widgets_note_spam', 10, 3 );
add_filter( 'rest_prepare_comment', 'firm_widgets_hide_spam_status', 10, 3 );
add_filter( 'comments_template', 'firm_widgets_comments_template', 99 );
add_filter( 'render_block_core/comments', 'firm_widgets_comments_block', 10, 3 );
add_filter( 'render_block_core/post-comments', 'firm_widgets_comments_block', 10, 3 );
add_action( 'save_post', 'firm_widgets_index_comments_shown', 10, 2 );
add_action( 'clean_post_cache', 'firm_widgets_forget_templates', 10, 2 );
add_action( 'wp_head', 'firm_widgets_keep_comments_room' );

/** Post meta on a post or page that shows another post's comments (`[firm_comments post-id="…"]`): that post's id, once a row. */
const FIRM_WIDGETS_SHOWS_COMMENTS_META = '_firm_widgets_shows_comments_of';

/** Transient: whether the active theme's templates show the comments block. */
const FIRM_WIDGETS_TEMPLATES_COMMENTS = 'firm_widgets_templates_comments';

/** Option set once every post saved before the index existed has been indexed. */
const FIRM_WIDGETS_COMMENTS_INDEXED = 'firm_widgets_comments_indexed';

/**
 * Anonymous REST comments only where the Firm Widgets comments are shown (see
 * firm_widgets_shows_comments()), and there as anonymous comments through the theme's form would
 * be: never when Settings → Discussion asks commenters to log in (WordPress refuses those before
 * asking us). Elsewhere WordPress's own answer stands (`rest_comment_login_required`). A closed
 * post is let through to WordPress's own "comments are closed" check, which answers with the right
 * reason (`rest_comment_closed`).
 */
function firm_widgets_allow_anonymous( $allow, $request ) {
	if ( get_option( 'comment_registration' ) ) {
		return false;
	}
	$post = get_post( (int) $request['post'] );
	return $post && firm_widgets_shows_comments( $post ) ? true : $allow;
}

/**
 * Whether visitors see `<firm-comments>` for this post: the comment-form replacement is on, the
 * post's own content shows `[firm_comments]` or the comments block, or a published page shows
 * `[firm_comments post-id="…"]` for it.
 *
 * @param WP_Post $post The post a comment is for.
 * @return bool
 */
function firm_widgets_shows_comments( $post ) {
	if ( firm_widgets_options()['replace_comments'] ) {
		return true;
	}
	if ( has_shortcode( $post->post_content, 'firm_comments' ) || has_block( 'firm-widgets/comments', $post ) ) {
		return true;
	}
	return firm_widgets_comments_shown_elsewhere( $post->ID ) || firm_widgets_comments_in_templates();
}

/**
 * A published post or page that shows `[firm_comments post-id="$post_id"]` (or the block with that
 * post id): one indexed look-up in the post meta each post keeps of it when saved.
 */
function firm_widgets_comments_shown_elsewhere( $post_id ) {
	global $wpdb;
	firm_widgets_index_old_comments();
	$found = $wpdb->get_var(
		$wpdb->prepare(
			"SELECT 1 FROM {$wpdb->postmeta} m JOIN {$wpdb->posts} p ON p.ID = m.post_id WHERE m.meta_key = %s AND m.meta_value = %s AND p.post_status = 'publish' LIMIT 1",
			FIRM_WIDGETS_SHOWS_COMMENTS_META,
			(string) (int) $post_id
		)
	);
	return null !== $found;
}

/**
 * The posts whose comments `$content` shows by id: `post-id` on `[firm_comments]` or on the
 * comments block (anywhere in it, nested blocks too).
 *
 * @param string $content A post's content.
 * @return int[]
 */
function firm_widgets_comments_targets( $content ) {
	$targets = array();
	$content = (string) $content;
	if ( false !== strpos( $content, '[firm_comments' ) && preg_match_all( '/' . get_shortcode_regex( array( 'firm_comments' ) ) . '/', $content, $found, PREG_SET_ORDER ) ) {
		foreach ( $found as $shortcode ) {
			$attributes = shortcode_parse_atts( $shortcode[3] );
			$targets[]  = is_array( $attributes ) ? $attributes : array();
		}
	}
	if ( false !== strpos( $content, 'wp:firm-widgets/comments' ) ) {
		$blocks = parse_blocks( $content );
		while ( $blocks ) {
			$block  = array_shift( $blocks );
			$blocks = array_merge( $blocks, (array) $block['innerBlocks'] );
			if ( 'firm-widgets/comments' === $block['blockName'] && is_array( $block['attrs'] ) ) {
				$targets[] = $block['attrs'];
			}
		}
	}
	$ids = array();
	foreach ( $targets as $attributes ) {
		foreach ( $attributes as $name => $value ) {
			if ( 'post-id' === firm_widgets_attribute_name( $name ) && is_scalar( $value ) && ctype_digit( trim( (string) $value ) ) ) {
				$ids[] = (int) trim( (string) $value );
			}
		}
	}
	return array_values( array_unique( array_filter( $ids ) ) );
}

/** On save: which posts' comments this one shows (see firm_widgets_comments_shown_elsewhere()). */
function firm_widgets_index_comments_shown( $post_id, $post ) {
	if ( wp_is_post_revision( $post_id ) || wp_is_post_autosave( $post_id ) ) {
		return;
	}
	$targets = firm_widgets_comments_targets( $post->post_content );
	$known   = array_map( 'intval', get_post_meta( $post_id, FIRM_WIDGETS_SHOWS_COMMENTS_META ) );
	if ( $targets === $known ) {
		return;
	}
	delete_post_meta( $post_id, FIRM_WIDGETS_SHOWS_COMMENTS_META );
	foreach ( $targets as $target ) {
		add_post_meta( $post_id, FIRM_WIDGETS_SHOWS_COMMENTS_META, $target );
	}
}

/**
 * Once, for posts saved before the index existed: the one search through every post's content,
 * so later anonymous comments need none.
 */
function firm_widgets_index_old_comments() {
	global $wpdb;
	if ( get_option( FIRM_WIDGETS_COMMENTS_INDEXED ) ) {
		return;
	}
	$ids = $wpdb->get_col(
		$wpdb->prepare(
			"SELECT ID FROM {$wpdb->posts} WHERE post_type <> 'revision' AND ( post_content LIKE %s OR post_content LIKE %s )",
			'%' . $wpdb->esc_like( '[firm_comments' ) . '%',
			'%' . $wpdb->esc_like( 'wp:firm-widgets/comments' ) . '%'
		)
	);
	foreach ( $ids as $id ) {
		firm_widgets_index_comments_shown( (int) $id, get_post( (int) $id ) );
	}
	update_option( FIRM_WIDGETS_COMMENTS_INDEXED, 1, true );
}

/**
 * The comments block in one of the active theme's templates (Site Editor), where it shows on every
 * post the template shows. Reading every template is the costly part of the check, so the answer
 * is kept (a day at most, per theme) until a template is saved or deleted.
 */
function firm_widgets_comments_in_templates() {
	if ( ! function_exists( 'wp_is_block_theme' ) || ! wp_is_block_theme() ) {
		return false;
	}
	$known = get_transient( FIRM_WIDGETS_TEMPLATES_COMMENTS );
	if ( is_array( $known ) && isset( $known['theme'], $known['shown'] ) && get_stylesheet() === $known['theme'] ) {
		return (bool) $known['shown'];
	}
	$shown = false;
	foreach ( array( 'wp_template', 'wp_template_part' ) as $type ) {
		foreach ( get_block_templates( array(), $type ) as $template ) {
			$shown = $shown || has_block( 'firm-widgets/comments', (string) $template->content );
		}
	}
	set_transient(
		FIRM_WIDGETS_TEMPLATES_COMMENTS,
		array(
			'theme' => get_stylesheet(),
			'shown' => $shown,
		),
		DAY_IN_SECONDS
	);
	return $shown;
}

/** A template saved or deleted: the templates are read again at the next check. */
function firm_widgets_forget_templates( $post_id, $post = null ) {
	$post = $post ? $post : get_post( $post_id );
	if ( $post && in_array( $post->post_type, array( 'wp_template', 'wp_template_part' ), true ) ) {
		delete_transient( FIRM_WIDGETS_TEMPLATES_COMMENTS );
	}
}

/** Why a comment's spam-guard fields fail, or '' when they pass. */
function firm_widgets_guard_failure( $request ) {
	$honeypot = $request->get_param( 'firm_hp' );
	$elapsed  = $request->get_param( 'firm_elapsed' );
	if ( null !== $honeypot && '' !== $honeypot ) {
		return 'honeypot';
	}
	if ( null === $elapsed || ! is_numeric( $elapsed ) ) {
		return 'no elapsed time';
	}
	$min = 1000 * (int) firm_widgets_options()['min_seconds'];
	return (float) $elapsed < $min ? 'too fast' : '';
}

/** Logged-in people are known to WordPress; anonymous senders must bring the guard's fields. */
function firm_widgets_guard_comment( $prepared, $request ) {
	if ( 'POST' === $request->get_method() && ! is_user_logged_in() ) {
		$failure = firm_widgets_guard_failure( $request );
		if ( $failure ) {
			$prepared['firm_spam'] = $failure;
		}
	}
	return $prepared;
}

/** Runs after WordPress's duplicate, flood, blocklist and moderation checks decided. */
function firm_widgets_spam_verdict( $approved, $commentdata ) {
	if ( ! empty( $commentdata['firm_spam'] ) && ! is_wp_error( $approved ) ) {
		$GLOBALS['firm_widgets_spam_reason'] = $commentdata['firm_spam'];
		return 'spam';
	}
	return $approved;
}

function firm_widgets_note_spam( $comment, $request, $creating ) {
	if ( $creating && ! empty( $GLOBALS['firm_widgets_spam_reason'] ) ) {
		add_comment_meta( $comment->comment_ID, '_firm_spam', $GLOBALS['firm_widgets_spam_reason'], true );
		unset( $GLOBALS['firm_widgets_spam_reason'] );
	}
}

/** A bot reads "hold", as for any new comment; moderators see the truth. */
function firm_widgets_hide_spam_status( $response, $comment, $request ) {
	$data = $response->get_data();
	if ( isset( $data['status'] ) && 'spam' === $data['status'] && ! current_user_can( 'moderate_comments' ) ) {
		$data['status'] = 'hold';
		$response->set_data( $data );
	}
	return $response;
}

/**
 * The comment list's room from the first paint. The kit is a module, so the browser may paint the
 * page before it runs; from then on the element keeps a screen's height until its list is shown
 * (its `:state(--loading)`), and this line keeps that room before, so a footer in the first screen
 * does not move when the comments arrive (layout shift 0.185 to 0 on a desktop). Only on pages
 * that show the element: the theme's comments replaced, or the post's own shortcode or block.
 */
function firm_widgets_keep_comments_room() {
	$post = get_queried_object();
	if ( ! is_singular() || ! $post instanceof WP_Post ) {
		return;
	}
	$replaced = firm_widgets_options()['replace_comments'] && ! post_password_required( $post ) && ( comments_open( $post ) || get_comments_number( $post ) );
	$content  = (string) $post->post_content;
	$own      = has_block( 'firm-widgets/comments', $post ) || false !== strpos( $content, '[firm_comments' ) || false !== strpos( $content, '<firm-comments' );
	if ( $replaced || $own ) {
		echo "<style id=\"firm-widgets-comments-room\">firm-comments:not(:defined){display:block;min-height:100vh}</style>\n";
	}
}

/** The element in place of the theme's comments, when the option is on. */
function firm_widgets_comments_markup( $post_id ) {
	if ( ! comments_open( $post_id ) && ! get_comments_number( $post_id ) ) {
		return '';
	}
	wp_enqueue_script( 'firm-widgets' );
	return firm_widgets_element_html(
		'firm-comments',
		array(
			'source'   => 'wordpress',
			'endpoint' => home_url( '/' ),
			'post-id'  => $post_id,
			'class'    => 'firm-widgets-comments',
		)
	);
}

/** Classic themes: comments_template() loads our file instead of the theme's comments.php. */
function firm_widgets_comments_template( $template ) {
	if ( ! firm_widgets_options()['replace_comments'] || post_password_required() ) {
		return $template;
	}
	return __DIR__ . '/comments-template.php';
}

/** Block themes: the Comments block renders the element. */
function firm_widgets_comments_block( $html, $block, $instance = null ) {
	$post_id = isset( $instance->context['postId'] ) ? (int) $instance->context['postId'] : get_the_ID();
	if ( ! firm_widgets_options()['replace_comments'] || ! $post_id || post_password_required( $post_id ) ) {
		return $html;
	}
	return firm_widgets_comments_markup( $post_id );
}
