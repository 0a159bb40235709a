// The Rspack-built shell's entry (bench only): the async boundary in front of the example's
// main.tsx. The example's <RemoteComponent> loads remotes with @tessera/runtime's loadRemote, so
// this entry registers the Rspack-built remotes (served by bench/page-load.js on 4201, 4202) with
// that runtime and hands it Rspack's own share scope: Rspack's federation runtime (Module
// Federation 2.0's) provides the shell's React, the remotes' Rspack containers are `init`ed with
// the same scope object and consume that React. (`__webpack_init_sharing__` and
// `__webpack_share_scopes__` are the container API webpack documents and Rspack keeps.)
import { init } from '@tessera/runtime';

const federation = init({
  name: 'shell',
  remotes: {
    catalog: 'catalog@http://localhost:4201/remoteEntry.js',
    cart: 'cart@http://localhost:4202/remoteEntry.js',
  },
});

// __webpack_init_sharing__ returns a promise, or 1 when nothing was left to wait for.
Promise.resolve(__webpack_init_sharing__('default'))
  .then(() => federation.initContainer(__webpack_share_scopes__.default))
  .then(() => import('../../examples/shop/shell/src/main.tsx'))
  .catch((error) => console.error(error));
