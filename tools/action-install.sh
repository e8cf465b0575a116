#!/usr/bin/env bash
# Gets okrlint for the GitHub Action (action.yml), in two steps with a cache between them:
#   action-install.sh download   the release tarball for this runner, its SHA-256 checked; when there is no release
#                                (the Action used at a branch or commit, or no binary for this runner), says
#                                `build=true` and the hash of the sources, for the cache key
#   action-install.sh build      builds okrlint from the Action's own sources (`swift build -c release`) into the
#                                cached folder, when the cache had no build of these sources
# Both write `bin=PATH` (and `build=`, `source-hash=`) to $GITHUB_OUTPUT. Everything comes in through the
# environment, never pasted into the script:
#   OKRLINT_VERSION   the `version` input: X.Y.Z or vX.Y.Z; empty: the Action's own ref when it is a version tag,
#                     or a commit hash that is a release's (its `okrlintVersion`, whose release names that commit in
#                     okrlint-X.Y.Z.commit); `source`: always build
#   OKRLINT_CHECKSUM  the `checksum` input: the tarball's SHA-256 (64 hex digits); empty: the .sha256 file
#                     published beside it (an intact download, not a pinned one)
#   ACTION_REF, ACTION_REPOSITORY   github.action_ref and github.action_repository
#   GITHUB_SERVER_URL, RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP, GITHUB_ACTION_PATH, GITHUB_OUTPUT   set by the runner
# A download whose checksum does not match is an error (exit 1), never a reason to fall back.
set -euo pipefail

output() { printf '%s=%s\n' "$1" "$2" >> "${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"; }
sha256() { if command -v sha256sum > /dev/null; then sha256sum "$1" | cut -d' ' -f1; else shasum -a 256 "$1" | cut -d' ' -f1; fi; }
cache_dir() { printf '%s/.cache/okrlint-action' "${HOME:?}"; }

# The sources a build depends on, hashed: the cache key of a source build.
source_hash() {
  local list
  list=$(cd "$GITHUB_ACTION_PATH" && find Package.swift Sources -type f | LC_ALL=C sort)
  (cd "$GITHUB_ACTION_PATH" && while IFS= read -r f; do printf '%s  %s\n' "$(sha256 "$f")" "$f"; done <<< "$list") > "$RUNNER_TEMP/okrlint-sources.txt"
  sha256 "$RUNNER_TEMP/okrlint-sources.txt"
}

fall_back() {
  echo "okrlint: $1; building it from the Action's sources (cached by their hash)"
  output build true
  output source-hash "$(source_hash)"
  output bin "$(cache_dir)/okrlint"
  exit 0
}

download() {
  local version=${OKRLINT_VERSION:-} ref=${ACTION_REF:-${GITHUB_ACTION_REF:-}} repo=${ACTION_REPOSITORY:-${GITHUB_ACTION_REPOSITORY:-}}
  if [ "$version" = source ]; then fall_back "version: source"; fi
  if ! [[ $repo =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]]; then fall_back "the Action's repository is not known"; fi
  local base="${GITHUB_SERVER_URL:-https://github.com}/$repo/releases/download"
  # Release assets redirect to another host: redirects only to https.
  local curl=(curl --fail --silent --show-error --location --proto-redir =https --retry 3 --connect-timeout 20 --max-time 300)
  if [ -z "$version" ]; then
    if [[ $ref =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
      version=$ref
    elif [[ $ref =~ ^[0-9a-f]{40}$ ]]; then
      # Pinned by commit: the release of the version these sources declare, when it was made from this commit.
      local declared
      declared=$(sed -n 's/^public let okrlintVersion = "\([0-9]*\.[0-9]*\.[0-9]*\)"$/\1/p' "$GITHUB_ACTION_PATH/Sources/OKRKit/Report/Reporter.swift")
      [ -n "$declared" ] || fall_back "the Action's sources declare no version"
      local made_from
      made_from=$("${curl[@]}" "$base/v$declared/okrlint-$declared.commit" 2> /dev/null | head -c 40) || true
      if [ "$made_from" = "$ref" ]; then version=$declared
      else fall_back "the Action's commit $ref is not the commit release v$declared was made from"; fi
    else
      fall_back "the Action is used at '${ref:-an unknown ref}', not at a release tag or commit (set the version input to download one)"
    fi
  fi
  version=${version#v}
  if ! [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    echo "::error title=okrlint::the version input must be X.Y.Z, vX.Y.Z or source, not '$OKRLINT_VERSION'"; exit 1
  fi
  local expected=${OKRLINT_CHECKSUM:-}
  if [ -n "$expected" ] && ! [[ $expected =~ ^[0-9a-fA-F]{64}$ ]]; then
    echo "::error title=okrlint::the checksum input must be a SHA-256 (64 hexadecimal digits)"; exit 1
  fi
  local target
  case "${RUNNER_OS:-}-${RUNNER_ARCH:-}" in
    Linux-X64) target=x86_64-unknown-linux-gnu ;;
    Linux-ARM64) target=aarch64-unknown-linux-gnu ;;
    macOS-ARM64) target=aarch64-apple-darwin ;;
    macOS-X64) target=x86_64-apple-darwin ;;
    *) fall_back "no release binary for ${RUNNER_OS:-this system} on ${RUNNER_ARCH:-this processor}" ;;
  esac
  local name="okrlint-$version-$target" dir="$RUNNER_TEMP/okrlint-$version"
  local url="$base/v$version/$name.tar.gz"
  mkdir -p "$dir"
  if ! "${curl[@]}" -o "$dir/$name.tar.gz" "$url"; then fall_back "no release asset at $url"; fi
  if [ -z "$expected" ]; then
    "${curl[@]}" -o "$dir/$name.tar.gz.sha256" "$url.sha256" \
      || { echo "::error title=okrlint::$url.sha256 could not be downloaded: the tarball cannot be checked"; exit 1; }
    expected=$(head -c 64 "$dir/$name.tar.gz.sha256")
    [[ $expected =~ ^[0-9a-fA-F]{64}$ ]] || { echo "::error title=okrlint::$url.sha256 holds no SHA-256"; exit 1; }
  fi
  local actual
  actual=$(sha256 "$dir/$name.tar.gz")
  if [ "$(printf '%s' "$expected" | tr 'A-F' 'a-f')" != "$actual" ]; then
    echo "::error title=okrlint::checksum mismatch for $name.tar.gz: expected $expected, got $actual"
    rm -f "$dir/$name.tar.gz"
    exit 1
  fi
  tar -xzf "$dir/$name.tar.gz" -C "$dir" "$name/okrlint"
  local bin="$dir/$name/okrlint" said
  said=$("$bin" --version) || { echo "::error title=okrlint::the downloaded okrlint does not run on this runner"; exit 1; }
  [ "$said" = "okrlint $version" ] || { echo "::error title=okrlint::the downloaded binary says '$said', not 'okrlint $version'"; exit 1; }
  echo "okrlint $version for $target, SHA-256 $actual"
  output build false
  output bin "$bin"
}

build() {
  command -v swift > /dev/null || {
    echo "::error title=okrlint::no release to download, and no Swift toolchain to build one (add swift-actions/setup-swift before okrlint, or set version)"
    exit 1
  }
  local scratch="$RUNNER_TEMP/okrlint-build"
  swift build -c release --product okrlint --package-path "$GITHUB_ACTION_PATH" --scratch-path "$scratch"
  mkdir -p "$(cache_dir)"
  cp "$scratch/release/okrlint" "$(cache_dir)/okrlint"
  "$(cache_dir)/okrlint" --version
}

case "${1:-}" in
  download) download ;;
  build) build ;;
  *) echo "usage: action-install.sh download|build" >&2; exit 2 ;;
esac
