# Sourced by the launchers ./meek and ./meek-spark (bash, set -euo pipefail): their static class-data-sharing
# archive (JDK 17 CDS; static, -Xshare:dump, since a dynamic archive refuses picocli's and commons-math3's
# pre-Java-6 class files), kept by one set of rules.
#
#   start_up_archive ARCHIVE NOTICE FILE...
#
# sets the array `cds` to the JVM options that use ARCHIVE, or to nothing. The archive's stamp (ARCHIVE.stamp)
# names the FILEs (size, time: the jar and what else the archive depends on) and the java on the PATH; when it
# does not match, NOTICE goes to standard error and the caller's `train_archive DIR` is run, which must leave
# DIR/archive.jsa (a training run's class list, then -Xshare:dump). A failed attempt is stamped too, without an
# archive, so it is not retried until a FILE or java changes; in a read-only target/ nothing is made; an archive
# trained while a FILE changed is not kept. The JVM checks the archive's checksum as it maps it
# (-XX:+VerifySharedSpaces, about 7 ms for meek's), so a damaged file is not used, until the next build remakes it.
start_up_archive() {
  local archive="$1" notice="$2"
  shift 2
  local java_bin files stamp made_for train
  java_bin="$(readlink -f "$(command -v java)" 2>/dev/null || true)"
  files="$(stat -c '%s %Y' "$@" | tr '\n' ' ')"
  stamp="$files$java_bin $(stat -c %Y "$java_bin" 2>/dev/null || true)"
  made_for="$(cat "$archive.stamp" 2>/dev/null || true)"
  if [ "$made_for" != "$stamp" ] && [ -w "$(dirname "$archive")" ]; then
    rm -f "$archive" "$archive.stamp"
    echo "$notice" >&2
    # a private folder beside the archive: two launchers at once never see half an archive, and the rename
    # into place is one on the same file system
    train="$(mktemp -d "$(dirname "$archive")/.jsa-training.XXXXXX" 2>/dev/null)" || train=
    if [ -n "$train" ]; then
      trap 'rm -rf "$train"' EXIT
      if train_archive "$train" >/dev/null 2>&1 && [ -f "$train/archive.jsa" ] \
        && [ "$(stat -c '%s %Y' "$@" | tr '\n' ' ')" = "$files" ]; then
        mv -f "$train/archive.jsa" "$archive" 2>/dev/null || true
      fi
      echo "$stamp" >"$train/stamp" && mv -f "$train/stamp" "$archive.stamp" 2>/dev/null || true
      rm -rf "$train"
      trap - EXIT
    fi
    made_for="$stamp"
  fi
  cds=()
  if [ -f "$archive" ] && [ "$made_for" = "$stamp" ]; then
    cds=(-XX:SharedArchiveFile="$archive" -XX:+VerifySharedSpaces '-Xlog:cds*=off')
  fi
}
