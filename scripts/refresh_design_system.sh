#!/bin/sh
# Refresh the vendored NL Design System CSS at the pinned versions below.
# The built files are committed so `make run` needs only Python and make; this script needs npm
# and is run by hand when the pins change. See docs/components.md.
set -eu
COMPONENTS="@utrecht/component-library-css@9.0.4"
THEME="@nl-design-system-unstable/voorbeeld-design-tokens@7.4.1"

here=$(cd "$(dirname "$0")/.." && pwd)
target="$here/core/static/vendor/nl-design-system"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$work"
npm pack --silent "$COMPONENTS" "$THEME" >/dev/null
mkdir components theme
tar xzf utrecht-component-library-css-*.tgz -C components
tar xzf nl-design-system-unstable-voorbeeld-design-tokens-*.tgz -C theme

mkdir -p "$target"
cp components/package/dist/index.css "$target/utrecht-component-library.css"
cp components/package/LICENSE.md "$target/LICENSE-utrecht-component-library.md"
cp theme/package/dist/theme.css "$target/voorbeeld-theme.css"
cp theme/package/LICENSE.md "$target/LICENSE-voorbeeld-design-tokens.md"
printf '%s\n%s\n' "$COMPONENTS" "$THEME" > "$target/VERSIONS"
echo "Vendored into $target:"
cat "$target/VERSIONS"
