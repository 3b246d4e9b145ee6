import { updateDisplayOptions } from 'n8n-workflow';

import { noteLocator } from '../../common/fields';

export const description = updateDisplayOptions({ show: { resource: ['note'], operation: ['parseLink'] } }, noteLocator);
