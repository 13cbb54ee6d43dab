<?php
// Runs the PHP read from standard input inside WordPress, from the command line (there is no
// wp-cli here), and prints what it returns as JSON on the last line. Debian's wp-config.php picks
// /etc/wordpress/config-<host>.php by the Host header, so the request looks like the site's own.
$port = getenv('FIRM_WP_PORT');
$_SERVER['HTTP_HOST'] = '127.0.0.1:' . $port;
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['SERVER_PORT'] = $port;
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['REMOTE_ADDR'] = '127.0.0.1';
$firm_code = preg_replace('/^\s*<\?php/', '', stream_get_contents(STDIN));
if (strpos($firm_code, '// firm:install') !== false) {
	define('WP_INSTALLING', true);
}
require ( getenv('FIRM_WP_ROOT') ?: '/usr/share/wordpress' ) . '/wp-load.php';
$firm_result = (function ($input) use ($firm_code) {
	return eval($firm_code);
})(json_decode(getenv('FIRM_INPUT') ?: 'null', true));
echo "\n" . wp_json_encode($firm_result) . "\n";
