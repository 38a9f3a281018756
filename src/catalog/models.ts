/**
 * Every catalog model, one data file per vendor under ./models/.
 */
import { amdModels } from './models/amd.js';
import { birenModels } from './models/biren.js';
import { cambriconModels } from './models/cambricon.js';
import { enflameModels } from './models/enflame.js';
import { huaweiModels } from './models/huawei.js';
import { hygonModels } from './models/hygon.js';
import { iluvatarModels } from './models/iluvatar.js';
import { intelModels } from './models/intel.js';
import { kunlunxinModels } from './models/kunlunxin.js';
import { metaxModels } from './models/metax.js';
import { mthreadsModels } from './models/mthreads.js';
import { nvidiaModels } from './models/nvidia.js';
import type { AcceleratorModel } from './types.js';

export const MODELS: readonly AcceleratorModel[] = [
  ...nvidiaModels,
  ...amdModels,
  ...hygonModels,
  ...huaweiModels,
  ...cambriconModels,
  ...kunlunxinModels,
  ...metaxModels,
  ...mthreadsModels,
  ...iluvatarModels,
  ...enflameModels,
  ...intelModels,
  ...birenModels,
];
