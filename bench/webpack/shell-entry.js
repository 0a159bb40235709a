// The webpack-built shell's entry (bench only): webpack's async boundary in front of the example's
// main.tsx. The example's <RemoteComponent> loads remotes with @tessera/runtime's loadRemote, so
// this entry registers the webpack-built remotes (served by bench/page-load.js on 4101, 4102) with
// that runtime and hands it webpack's own share scope: webpack's federation runtime provides the
// shell's React, the remotes' webpack containers are `init`ed with the same scope object and
// consume that React. (webpack's `__webpack_init_sharing__`/`__webpack_share_scopes__` are its
// documented container API.)
import { init } from '@tessera/runtime';

const federation = init({
  name: 'shell',
  remotes: {
    catalog: 'catalog@http://localhost:4101/remoteEntry.js',
    cart: 'cart@http://localhost:4102/remoteEntry.js',
  },
});

// __webpack_init_sharing__ returns a promise, or 1 when nothing was left to wait for.
Promise.resolve(__webpack_init_sharing__('default'))
  .then(() => federation.initContainer(__webpack_share_scopes__.default))
  .then(() => import('../../examples/shop/shell/src/main.tsx'))
  .catch((error) => console.error(error));
