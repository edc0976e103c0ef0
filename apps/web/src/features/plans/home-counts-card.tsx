import { StatusCountsCard } from './home-cards';

export default StatusCountsCard;
