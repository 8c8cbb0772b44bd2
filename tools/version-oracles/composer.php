<?php
// Composer oracle: reads 'A<TAB>B' lines, prints <, = or > as composer/semver orders them
// (VersionParser::normalize, then Comparator, which is PHP's version_compare), "error" for a
// version VersionParser refuses or a branch compared with anything but itself. Needs php-cli and
// Debian's php-composer-semver.
require '/usr/share/php/Composer/Semver/autoload.php';
use Composer\Semver\Comparator;
use Composer\Semver\VersionParser;
$parser = new VersionParser();
while (($line = fgets(STDIN)) !== false) {
    [$a, $b] = explode("\t", rtrim($line, "\n"), 2);
    try {
        $x = $parser->normalize($a);
        $y = $parser->normalize($b);
    } catch (UnexpectedValueException $e) {
        echo "error\n";
        continue;
    }
    if (str_starts_with($x, 'dev-') || str_starts_with($y, 'dev-')) {
        echo $x === $y ? "=\n" : "error\n";
        continue;
    }
    echo Comparator::lessThan($x, $y) ? "<\n" : (Comparator::greaterThan($x, $y) ? ">\n" : "=\n");
}
