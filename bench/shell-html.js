// The webpack- and Rspack-built shells' index.html (what html-webpack-plugin would emit): the
// example's page (examples/shop/shell/index.html) with a classic deferred script, as webpack's
// default (non-module) output needs. A plugin for either tool: it uses `compiler.webpack`.
export function shellHtml(title) {
  return function htmlPage(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('ShellHtml', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'ShellHtml', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS }, () => {
        compilation.emitAsset('index.html', new sources.RawSource(
          '<!doctype html>\n<html lang="en">\n<head>\n  <meta charset="utf-8">\n  <meta name="viewport" content="width=device-width, initial-scale=1">\n'
          + `  <link rel="icon" href="data:,">\n  <title>${title}</title>\n  <script defer src="./main.js"></script>\n</head>\n`
          + '<body>\n  <div id="root"></div>\n</body>\n</html>\n',
        ));
      });
    });
  };
}
