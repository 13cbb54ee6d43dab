<?php
/**
 * The office-hours syntax, checked on save with the rules of the `<firm-office-hours>` engine
 * (src/elements/office-hours/schedule.ts): schema.org `openingHours` text, rules split by ";",
 * each "DAYS TIMES". Days Mo Tu We Th Fr Sa Su, ranges (Mo-Fr, wrapping Fr-Mo) and lists
 * (Mo,We,Fr); times HH:MM-HH:MM, several per day, "off"/"closed", 00:00-24:00 for all day, and
 * ranges past midnight (Fr 22:00-02:00).
 *
 * @package FirmWidgets
 */

defined( 'ABSPATH' ) || exit;

/**
 * Checks hours text. Returns null when it reads, else an error naming the rule and the token,
 * such as "rule 2: unknown day 'Mx'".
 *
 * @param string $text The hours as typed.
 * @return string|null
 */
function firm_widgets_check_hours( $text ) {
	$days  = array( 'mo', 'tu', 'we', 'th', 'fr', 'sa', 'su' );
	$rules = explode( ';', (string) $text );
	foreach ( $rules as $i => $rule ) {
		$n    = $i + 1;
		$rule = trim( $rule );
		if ( '' === $rule ) {
			// A trailing ";" is harmless; an empty rule between two others is a typo.
			if ( count( $rules ) - 1 === $i && $i > 0 ) {
				continue;
			}
			return sprintf( "rule %d: empty rule", $n );
		}
		$tokens = preg_split( '/\s+/', $rule, 2 );
		foreach ( explode( ',', $tokens[0] ) as $part ) {
			$ends = explode( '-', $part );
			if ( count( $ends ) > 2 ) {
				return sprintf( "rule %d: unknown day '%s'", $n, $part );
			}
			foreach ( $ends as $day ) {
				if ( ! in_array( strtolower( $day ), $days, true ) ) {
					return sprintf( "rule %d: unknown day '%s'", $n, '' === $day ? $part : $day );
				}
			}
		}
		if ( ! isset( $tokens[1] ) || '' === trim( $tokens[1] ) ) {
			return sprintf( "rule %d: missing hours after '%s'", $n, $tokens[0] );
		}
		$times = preg_split( '/\s*,\s*|\s+/', trim( $tokens[1] ) );
		if ( 1 === count( $times ) && in_array( strtolower( $times[0] ), array( 'off', 'closed' ), true ) ) {
			continue;
		}
		foreach ( $times as $range ) {
			$error = firm_widgets_check_range( $range );
			if ( $error ) {
				return sprintf( 'rule %d: %s', $n, $error );
			}
		}
	}
	return null;
}

/**
 * One "HH:MM-HH:MM" range: null when it reads, else what is wrong with it.
 *
 * @param string $range As typed.
 * @return string|null
 */
function firm_widgets_check_range( $range ) {
	if ( '' === $range ) {
		return "empty time range";
	}
	if ( in_array( strtolower( $range ), array( 'off', 'closed' ), true ) ) {
		return sprintf( "unexpected '%s' beside other times", $range );
	}
	if ( ! preg_match( '/\d/', $range ) ) {
		return sprintf( "unexpected '%s'", $range );
	}
	$ends = explode( '-', $range );
	if ( 2 !== count( $ends ) ) {
		return 1 === count( $ends ) ? sprintf( "missing '-' in '%s'", $range ) : sprintf( "bad time range '%s'", $range );
	}
	$minutes = array();
	foreach ( $ends as $k => $time ) {
		if ( ! preg_match( '/^(\d{1,2}):(\d{2})$/', $time, $m ) || (int) $m[2] > 59 || (int) $m[1] > 24 || ( 24 === (int) $m[1] && ( '00' !== $m[2] || 0 === $k ) ) ) {
			return sprintf( "bad time '%s'", $time );
		}
		$minutes[] = 60 * (int) $m[1] + (int) $m[2];
	}
	if ( $minutes[0] === $minutes[1] ) {
		return sprintf( "empty time range '%s'", $range );
	}
	return null;
}

/** The rules as a list, for the JSON-LD `openingHours` property. */
function firm_widgets_hours_rules( $text ) {
	return array_values( array_filter( array_map( 'trim', explode( ';', (string) $text ) ) ) );
}
