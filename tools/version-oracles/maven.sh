#!/bin/bash
# Maven oracle: reads 'A<TAB>B' lines, prints <, = or > as maven-artifact's ComparableVersion
# orders them (its own main(), which compares adjacent arguments). Needs java and Debian's
# libmaven3-core-java (or MAVEN_ARTIFACT_JAR). Makes test vectors for kaiyuan's Maven comparator.
set -euo pipefail
jar=${MAVEN_ARTIFACT_JAR:-/usr/share/java/maven-artifact-3.x.jar}
# A, B, then a separator pair that resets nothing: adjacent comparisons are A?B, B?A', A'?B', ...
# so every second comparison line is one of ours.
mapfile -t lines
args=()
for l in "${lines[@]}"; do args+=("${l%%$'\t'*}" "${l#*$'\t'}"); done
[ ${#args[@]} -gt 0 ] || exit 0
java -cp "$jar" org.apache.maven.artifact.versioning.ComparableVersion "${args[@]}" |
  awk '/^   / { n++; if (n % 2 == 1) { split(substr($0, 4), t, " ");
        # the operator is the word after the first version
        print (t[2] == "==" ? "=" : t[2]) } }'
