<?php
/**
 * Stands in for the theme's comments.php when Settings → Firm Widgets replaces the comment form.
 *
 * @package FirmWidgets
 */

defined( 'ABSPATH' ) || exit;

echo firm_widgets_comments_markup( get_the_ID() ); // phpcs:ignore WordPress.Security.EscapeOutput -- built from escaped parts.
