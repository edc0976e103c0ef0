import { DueCard } from './home-cards';

export default DueCard;
