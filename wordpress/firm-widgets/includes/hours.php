<?php
/**
 * The office-hours syntax, checked on save with the rules of the `<firm-office-hours>` engine
 * (parseHours() in src/elements/office-hours/schedule.ts, ported line by line; the tests run both
 * on the same inputs): schema.org `openingHours` text, rules split by ";" (one trailing ";"
 * allowed), each "DAYS TIMES". Days Mo Tu We Th Fr Sa Su (longer names and schema.org URLs too),
 * ranges (Mo-Fr, wrapping Fr-Mo) and lists (Mo,We,Fr); times HH:MM-HH:MM, several per day,
 * "off"/"closed", 00:00-24:00 for all day, and ranges past midnight (Fr 22:00-02:00).
 *
 * @package FirmWidgets
 */

defined( 'ABSPATH' ) || exit;

/**
 * Checks hours text. Returns null when it reads, else the engine's error naming the rule and the
 * token, such as "rule 2: unknown day 'Mx'".
 *
 * @param string $text The hours as typed.
 * @return string|null
 */
function firm_widgets_check_hours( $text ) {
	try {
		$rules = explode( ';', preg_replace( '/;\s*$/', '', (string) $text ) );
		foreach ( $rules as $i => $raw ) {
			$rule   = $i + 1;
			$raw    = trim( preg_replace( '/\s*(-|,|\.\.)\s*/', '$1', $raw ) );
			$tokens = preg_split( '/\s+/', $raw );
			$list   = array_shift( $tokens );
			if ( '' === $raw ) {
				throw new Firm_Widgets_Hours_Error( $rule, '', 'empty rule' );
			}
			foreach ( explode( ',', $list ) as $part ) {
				$ends = explode( '-', $part );
				if ( count( $ends ) > 2 ) {
					throw new Firm_Widgets_Hours_Error( $rule, $part, 'unknown day' );
				}
				foreach ( $ends as $day ) {
					$word = preg_replace( '/^.*\//', '', $day );
					if ( ! preg_match( '/^(mo|tu|we|th|fr|sa|su)[a-z]*$/i', $word ) ) {
						throw new Firm_Widgets_Hours_Error( $rule, $day, 'unknown day' );
					}
				}
			}
			if ( ! $tokens ) {
				throw new Firm_Widgets_Hours_Error( $rule, $list, 'no hours after' );
			}
			foreach ( explode( ',', implode( ',', $tokens ) ) as $t ) {
				$ends = explode( '-', $t );
				if ( 1 === count( $ends ) && preg_match( '/^\d/', $t ) ) {
					throw new Firm_Widgets_Hours_Error( $rule, $t, 'missing dash' );
				}
				if ( 2 === count( $ends ) && preg_match( '/^\d/', $ends[0] ) ) {
					firm_widgets_hours_minutes( $ends[0], $rule, false );
					firm_widgets_hours_minutes( $ends[1], $rule, true );
				} elseif ( '' !== $t && ! preg_match( '/^(off|closed)$/i', $t ) ) {
					throw new Firm_Widgets_Hours_Error( $rule, $t, 'stray text' );
				}
			}
		}
	} catch ( Firm_Widgets_Hours_Error $e ) {
		return $e->getMessage();
	}
	return null;
}

/** "HH:MM" (or "HH:MM:SS") → minutes after midnight; 24:00 only as an end. */
function firm_widgets_hours_minutes( $text, $rule, $end ) {
	$v = preg_match( '/^(\d\d?):([0-5]\d)(:\d\d)?$/', $text, $m ) ? 60 * (int) $m[1] + (int) $m[2] : 1e9;
	if ( $v > ( $end ? 1440 : 1439 ) ) {
		throw new Firm_Widgets_Hours_Error( $rule, $text, 'bad time' );
	}
	return $v;
}

/** Unreadable hours, worded as the engine words them. */
class Firm_Widgets_Hours_Error extends Exception {
	public function __construct( $rule, $token, $why ) {
		parent::__construct( sprintf( 'rule %d: %s', $rule, $why ) . ( '' === $token ? '' : " '" . $token . "'" ) );
	}
}

/** The rules as a list, for the JSON-LD `openingHours` property. */
function firm_widgets_hours_rules( $text ) {
	return array_values( array_filter( array_map( 'trim', explode( ';', (string) $text ) ) ) );
}
